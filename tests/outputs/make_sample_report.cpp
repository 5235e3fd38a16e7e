// Writes the sample HTML report to argv[1]; used by html_report_browser_test.sh.
#include <exception>
#include <iostream>

#include "html_report_sample.hpp"
#include "leidensim/outputs/html_report.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_sample_report <report.html>\n";
    return 2;
  }
  try {
    const auto sample = leidensim::test::sample_report();
    leidensim::outputs::write_html_report(argv[1], sample.scenarios, sample.comparison,
                                          sample.provenance, sample.registers);
  } catch (const std::exception& e) {
    std::cerr << "make_sample_report: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
