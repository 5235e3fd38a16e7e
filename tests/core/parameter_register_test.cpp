// The parameter register: every model and measure parameter has a source and a quality mark;
// the data pack's measure_parameters.csv documents exactly the schema properties of every shipped
// measure, with the schema's defaults as values; a measure parameter resolves as scenario > data
// pack > schema default; a scenario's values are marked as overridden; bad rows are InputErrors
// naming the file, the line and the column; and gaps are found on modified copies of the pack.
#include "leidensim/parameter_register.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "leidensim/csv_table.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/measure_parameters.hpp"
#include "leidensim/module_registry.hpp"
#include "leidensim/plugin_loader.hpp"
#include "leidensim/scenario.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<std::string> kShipped = {"jobcoach", "poverty_relief", "prevention_agreement"};

const PluginLoader& loader() {
  static const PluginLoader l({fs::path(LEIDENSIM_TEST_PLUGIN_DIR)});
  return l;
}

std::vector<ModuleDescriptor> shipped_with_pack_values(const MeasureParameterTable& pack) {
  std::vector<ModuleDescriptor> out;
  for (const auto& name : kShipped) {
    ModuleDescriptor d = loader().load_by_name(name);
    d.params = data_pack_params(d, pack);
    out.push_back(std::move(d));
  }
  return out;
}

ParameterRegister data_pack_register(const fs::path& data) {
  const MeasureParameterTable pack = MeasureParameterTable::load_pack(data);
  return build_parameter_register(ParameterSet::load(data / "parameters.csv"),
                                  shipped_with_pack_values(pack), pack);
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A copy of the project's data pack in a fresh temporary folder, removed at the end.
class PackCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("leidensim_register_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& e : fs::directory_iterator(test::data_dir()))
      if (e.is_regular_file()) fs::copy_file(e.path(), dir_ / e.path().filename());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path pack_file() const { return dir_ / MeasureParameterTable::kFileName; }
  /// Replaces the line of measure_parameters.csv that starts with `prefix` ("measure,parameter,")
  /// by `line`, or removes it if `line` is empty; returns the line number it had.
  int replace_line(const fs::path& file, const std::string& prefix, const std::string& line) {
    std::istringstream in(slurp(file));
    std::string out, l;
    int number = 0, found = 0;
    while (std::getline(in, l)) {
      ++number;
      if (l.rfind(prefix, 0) == 0) {
        found = number;
        if (!line.empty()) out += line + "\n";
      } else {
        out += l + "\n";
      }
    }
    EXPECT_NE(found, 0) << prefix << " not in " << file;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << out;
    return found;
  }
  /// The scenario {data: the copy, measures: [jobcoach with `params`]}, resolved.
  ResolvedScenario resolve_jobcoach(const json& params = json::object()) const {
    const json j = {{"data", dir_.string()},
                    {"measures", {{{"name", "jobcoach"}, {"params", params}}}}};
    return resolve_scenario(Scenario::parse(j, dir_ / "s.json"), builtin_registry(), loader());
  }
  std::string resolve_error(const json& params = json::object()) const {
    try {
      resolve_jobcoach(params);
    } catch (const InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no InputError";
    return "";
  }

  fs::path dir_;
};

// ---- completeness ----

TEST(ParameterRegister, EveryParameterHasASourceAndAQualityMark) {
  const ParameterRegister reg = data_pack_register(test::data_dir());
  const auto gaps = register_gaps(reg);
  EXPECT_TRUE(gaps.empty()) << gaps.size() << " gaps, the first: " << gaps.front();
  // Every model parameter and every schema property of every shipped measure is in it.
  const ParameterSet ps = ParameterSet::load(test::data_dir() / "parameters.csv");
  std::size_t expected = ps.all().size();
  for (const auto& name : kShipped)
    expected += loader().load_by_name(name).parameter_schema["properties"].size();
  EXPECT_EQ(reg.size(), expected);
  std::set<std::string> names;
  for (const auto& e : reg) {
    EXPECT_TRUE(names.insert(e.qualified_name()).second) << e.qualified_name() << " twice";
    EXPECT_FALSE(e.unit.empty()) << e.qualified_name() << " has no unit";
    EXPECT_FALSE(e.value.is_null()) << e.qualified_name() << " has no value";
    EXPECT_TRUE(e.overridden_by.empty()) << e.qualified_name();
  }
}

TEST(ParameterRegister, EverySchemaPropertyHasADataPackRowAndEveryRowAProperty) {
  const MeasureParameterTable pack = MeasureParameterTable::load_pack(test::data_dir());
  EXPECT_EQ(pack.measures(), kShipped);
  for (const auto& name : kShipped) {
    const json props = loader().load_by_name(name).parameter_schema["properties"];
    for (const auto& [param, sub] : props.items())
      EXPECT_NE(pack.find(name, param), nullptr)
          << name << "." << param << " has no row in " << MeasureParameterTable::kFileName;
    for (const auto& row : pack.rows()) {
      if (row.measure != name) continue;
      EXPECT_TRUE(props.contains(row.parameter))
          << "line " << row.line << ": " << name << " has no parameter " << row.parameter;
    }
  }
}

TEST(ParameterRegister, DataPackValuesEqualTheSchemaDefaults) {
  // The schema keeps defaults for packs without a row; for the shipped measures they must not
  // drift from the pack.
  const MeasureParameterTable pack = MeasureParameterTable::load_pack(test::data_dir());
  for (const auto& name : kShipped) {
    const json props = loader().load_by_name(name).parameter_schema["properties"];
    for (const auto& row : pack.rows()) {
      if (row.measure != name || !props.contains(row.parameter)) continue;
      ASSERT_TRUE(props[row.parameter].contains("default")) << name << "." << row.parameter;
      EXPECT_EQ(row.value, props[row.parameter]["default"])
          << name << "." << row.parameter << ": data pack " << row.value.dump() << ", schema "
          << props[row.parameter]["default"].dump();
    }
  }
}

TEST(ParameterRegister, UncertaintyRangesComeFromTheDataPack) {
  const auto ranges = uncertainty_ranges(data_pack_register(test::data_dir()));
  ASSERT_TRUE(ranges.count("jobcoach.outflow_multiplier"));
  EXPECT_DOUBLE_EQ(ranges.at("jobcoach.outflow_multiplier").low, 1.0);
  EXPECT_DOUBLE_EQ(ranges.at("jobcoach.outflow_multiplier").high, 1.6);
  EXPECT_EQ(ranges.at("jobcoach.outflow_multiplier").kind, ParameterKind::Measure);
  EXPECT_EQ(ranges.at("jobcoach.outflow_multiplier").measure, "jobcoach");
  EXPECT_DOUBLE_EQ(ranges.at("jobcoach.job_loss_multiplier").low, 0.56);
  EXPECT_DOUBLE_EQ(ranges.at("jobcoach.job_loss_multiplier").high, 1.0);
  EXPECT_DOUBLE_EQ(ranges.at("poverty_relief.debt_inflow_multiplier").low, 0.7);
  EXPECT_DOUBLE_EQ(ranges.at("prevention_agreement.wmo_inflow_multiplier").low, 0.95);
  EXPECT_FALSE(ranges.count("jobcoach.programme"));
  EXPECT_FALSE(ranges.count("jobcoach.annual_budget"));
  for (const auto& [name, r] : ranges) EXPECT_LE(r.low, r.high) << name;
}

TEST(ParameterRegister, ValueTextShortensTables) {
  EXPECT_EQ(register_value_text(json::array({0.5, 0.0001, 1, 0.2, 0.3})),
            "5 values, 0.0001\u20131");
  EXPECT_EQ(register_value_text(json::array({0.06, 0.0182})), "0.06 0.0182");
  EXPECT_EQ(register_value_text(1000000.0), "1000000");
  EXPECT_EQ(register_value_text("10"), "10");
  EXPECT_EQ(register_value_text(json::array({"Leiden-Noord", "Merenwijk"})),
            "Leiden-Noord, Merenwijk");
  EXPECT_EQ(register_value_text(true), "true");
  EXPECT_EQ(register_value_full(json::array({0.06, 0.0182})), "0.06 0.0182");
  const ParameterRegister reg = data_pack_register(test::data_dir());
  const auto mortality = std::find_if(reg.begin(), reg.end(), [](const RegisterEntry& e) {
    return e.parameter == "demography.mortality_annual_male";
  });
  ASSERT_NE(mortality, reg.end());
  EXPECT_EQ(mortality->value_text.rfind("111 values, ", 0), 0u) << mortality->value_text;
}

// ---- resolution and overrides ----

TEST_F(PackCopy, ScenarioOverridesAreMarkedWithFileAndPath) {
  const json j = {{"data", dir_.string()},
                  {"parameters", {{"labour.job_loss_monthly", 0.004}}},
                  {"measures", {{{"name", "jobcoach"}, {"params", {{"annual_budget", 2e6}}}}}}};
  const Scenario s = Scenario::parse(j, dir_ / "mine.json");
  const ResolvedScenario r = resolve_scenario(s, builtin_registry(), loader());
  const ParameterRegister reg = build_parameter_register(
      r.parameters, r.measures, MeasureParameterTable::load_pack(dir_), measure_overrides(s));
  EXPECT_TRUE(register_gaps(reg).empty());
  int overridden = 0;
  for (const auto& e : reg) {
    if (e.overridden_by.empty()) continue;
    ++overridden;
    if (e.qualified_name() == "labour.job_loss_monthly") {
      EXPECT_EQ(e.value, json(0.004));
      EXPECT_EQ(e.overridden_by,
                (dir_ / "mine.json").string() + ": /parameters/labour.job_loss_monthly");
    } else if (e.qualified_name() == "jobcoach.annual_budget") {
      EXPECT_EQ(e.value, json(2e6));
      EXPECT_EQ(e.overridden_by,
                (dir_ / "mine.json").string() + ": /measures/0/params/annual_budget");
      EXPECT_EQ(e.quality, Quality::Assumption) << "documentation stays the data pack's";
      EXPECT_FALSE(e.source.empty());
    } else {
      ADD_FAILURE() << e.qualified_name() << " marked as overridden by " << e.overridden_by;
    }
  }
  EXPECT_EQ(overridden, 2);
  // Only the scenario's measure is listed.
  for (const auto& e : reg) EXPECT_TRUE(e.measure.empty() || e.measure == "jobcoach");
}

TEST_F(PackCopy, ScenarioValueBeatsDataPackValueBeatsSchemaDefault) {
  // The pack's value is used where the scenario says nothing, even when the schema disagrees.
  replace_line(pack_file(), "jobcoach,outflow_multiplier,",
               "jobcoach,outflow_multiplier,1.45,multiplier,1.0,1.6,assumption,test,");
  EXPECT_EQ(resolve_jobcoach().measures[0].params.at("outflow_multiplier"), json(1.45));
  EXPECT_EQ(
      resolve_jobcoach({{"outflow_multiplier", 1.1}}).measures[0].params.at("outflow_multiplier"),
      json(1.1));
  // Without a row, the schema default; the register then has no source for it.
  replace_line(pack_file(), "jobcoach,min_age_years,", "");
  const ResolvedScenario r = resolve_jobcoach();
  EXPECT_EQ(r.measures[0].params.at("min_age_years"), json(18));
  const ParameterRegister reg =
      build_parameter_register(r.parameters, r.measures, MeasureParameterTable::load_pack(dir_));
  EXPECT_EQ(register_gaps(reg),
            (std::vector<std::string>{"jobcoach.min_age_years: no source",
                                      "jobcoach.min_age_years: no quality mark"}));
}

TEST_F(PackCopy, PackWithoutMeasureParametersFallsBackToSchemaDefaults) {
  fs::remove(pack_file());
  const ResolvedScenario r = resolve_jobcoach();
  const json props = loader().load_by_name("jobcoach").parameter_schema["properties"];
  for (const auto& [k, sub] : props.items()) EXPECT_EQ(r.measures[0].params.at(k), sub["default"]);
}

// ---- a blank source is found, whichever file it is in ----

TEST_F(PackCopy, BlankSourceOfAMeasureParameterIsAnErrorNamingFileLineAndColumn) {
  const int line = replace_line(
      pack_file(), "jobcoach,dropout_monthly,",
      "jobcoach,dropout_monthly,0.02,probability a month,,,assumption,,about 21% a year");
  try {
    MeasureParameterTable::load_pack(dir_);
    FAIL() << "a blank source was accepted";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(pack_file().string()), std::string::npos) << m;
    EXPECT_NE(m.find("line " + std::to_string(line)), std::string::npos) << m;
    EXPECT_NE(m.find("jobcoach.dropout_monthly"), std::string::npos) << m;
    EXPECT_NE(m.find("column source"), std::string::npos) << m;
  }
  // A scenario using the pack fails too, with the same message.
  EXPECT_NE(resolve_error().find("column source"), std::string::npos);
}

TEST_F(PackCopy, BlankSourceOfAModelParameterIsAnError) {
  const fs::path file = dir_ / "parameters.csv";
  const CsvTable before = CsvTable::read(file);
  const std::size_t row = before.require({{"name", "labour.job_loss_monthly"}});
  // Rewrite the row with an empty source column.
  std::string line = "labour.job_loss_monthly";
  for (std::size_t c = 1; c < before.header().size(); ++c) {
    std::string cell = before.header()[c] == "source" ? "" : before.cell(row, c);
    if (cell.find_first_of(",\"") != std::string::npos) {
      std::string q = "\"";
      for (char ch : cell) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      cell = q + "\"";
    }
    line += "," + cell;
  }
  replace_line(file, "labour.job_loss_monthly,", line);
  try {
    ParameterSet::load(file);
    FAIL() << "a blank source was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("labour.job_loss_monthly"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("column source"), std::string::npos) << e.what();
  }
}

TEST(ParameterRegister, GapsAreFoundInABuiltRegister) {
  ParameterRegister reg = data_pack_register(test::data_dir());
  ASSERT_TRUE(register_gaps(reg).empty());
  auto it = std::find_if(reg.begin(), reg.end(), [](const RegisterEntry& e) {
    return e.qualified_name() == "poverty_relief.take_up";
  });
  ASSERT_NE(it, reg.end());
  it->source = "  ";
  reg.front().quality.reset();
  EXPECT_EQ(register_gaps(reg),
            (std::vector<std::string>{reg.front().parameter + ": no quality mark",
                                      "poverty_relief.take_up: no source"}));
}

// ---- bad rows ----

TEST_F(PackCopy, RowForAnUnknownParameterNamesFileLineAndColumn) {
  std::ofstream(pack_file(), std::ios::app) << "jobcoach,coffee_budget,12,EUR,,,assumption,test,\n";
  const std::string m = resolve_error();
  EXPECT_NE(m.find(pack_file().string()), std::string::npos) << m;
  EXPECT_NE(m.find("(jobcoach.coffee_budget), column parameter"), std::string::npos) << m;
  EXPECT_NE(m.find("has no parameter \"coffee_budget\""), std::string::npos) << m;
}

TEST_F(PackCopy, ValueTheSchemaRejectsNamesFileLineAndColumn) {
  const int line = replace_line(pack_file(), "jobcoach,job_loss_multiplier,",
                                "jobcoach,job_loss_multiplier,11,multiplier,,,assumption,test,");
  const std::string m = resolve_error();
  EXPECT_NE(m.find(pack_file().string() + ": line " + std::to_string(line) +
                   " (jobcoach.job_loss_multiplier), column value"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("above the maximum"), std::string::npos) << m;
  // A scenario value does not excuse a bad row: the pack is wrong either way.
  EXPECT_NE(resolve_error({{"job_loss_multiplier", 0.9}}).find("column value"), std::string::npos);
}

TEST_F(PackCopy, MalformedRowsNameTheColumn) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"jobcoach,programme,10x,budget programme,,,published,src,", "column value"},
      {"jobcoach,programme,\"\"\"10\"\"\",budget programme,,,certain,src,", "column quality"},
      {"jobcoach,outflow_multiplier,1.3,multiplier,1.0,,assumption,src,", "column high"},
      {"jobcoach,outflow_multiplier,1.3,multiplier,one,1.6,assumption,src,", "column low"},
      {"jobcoach,outflow_multiplier,1.7,multiplier,1.0,1.6,assumption,src,", "outside its range"},
      {"jobcoach,outflow_multiplier,1.3,,1.0,1.6,assumption,src,", "column unit"},
  };
  const std::string original = slurp(pack_file());
  for (const auto& [row, needle] : cases) {
    std::ofstream(pack_file(), std::ios::binary | std::ios::trunc) << original;
    const std::string prefix = row.substr(0, row.find(',', row.find(',') + 1) + 1);
    replace_line(pack_file(), prefix, row);
    try {
      MeasureParameterTable::load_pack(dir_);
      ADD_FAILURE() << "accepted: " << row;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << row << "\n" << e.what();
      EXPECT_NE(std::string(e.what()).find(pack_file().string()), std::string::npos) << e.what();
    }
  }
  // A second row for the same parameter.
  std::ofstream(pack_file(), std::ios::binary | std::ios::trunc)
      << original << "jobcoach,places,-1,places,,,assumption,src,\n";
  EXPECT_THROW(MeasureParameterTable::load_pack(dir_), InputError);
}

TEST_F(PackCopy, RowsOfAnUnknownMeasureAreReported) {
  std::ofstream(pack_file(), std::ios::app) << "no_such_measure,x,1,unit,,,assumption,src,\n";
  const MeasureParameterTable pack = MeasureParameterTable::load_pack(dir_);
  const auto errors = pack.unknown_measures(kShipped);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("(no_such_measure.x), column measure: unknown measure"),
            std::string::npos)
      << errors[0];
  // A scenario that does not use that measure is not affected.
  EXPECT_NO_THROW(resolve_jobcoach());
}

}  // namespace
}  // namespace leidensim
