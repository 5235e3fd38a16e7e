#pragma once
// The municipal budget ledger: every euro per month, programme and category, in integer cents
// (exact sums in any order). Modules post in their payments phase; measures post their cost,
// life-course processes post the costs the municipality carries anyway (bijstand paid,
// jeugdhulp, Wmo, debt help), so that a measure's net budget effect is its cost minus the costs
// it avoids, read off a comparison with the baseline.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace leidensim {

enum class Programme : std::uint8_t {
  JeugdOnderwijs = 0,                 // 7 Jeugd & Onderwijs
  Sport = 1,                          // 8C Sport
  MaatschappelijkeOndersteuning = 2,  // 9 Maatschappelijke Ondersteuning
  WerkInkomen = 3,                    // 10 Werk & Inkomen
  Other = 4,
  Count
};
inline constexpr int kProgrammes = static_cast<int>(Programme::Count);

enum class LedgerCategory : std::uint8_t {
  MeasureCost = 0,
  BijstandPaid = 1,
  OtherBenefits = 2,
  JeugdhulpCost = 3,
  WmoCost = 4,
  DebtReliefCost = 5,
  TransfersToHouseholds = 6,
  Count
};
inline constexpr int kLedgerCategories = static_cast<int>(LedgerCategory::Count);

const char* programme_code(Programme p);      // "7", "8C", "9", "10", "other"
const char* programme_name(Programme p);      // "Jeugd & Onderwijs", ...
const char* category_name(LedgerCategory c);  // "measure_cost", ...
/// Parses "7", "8C", "9", "10" or "other"; false if unknown.
bool parse_programme(const std::string& code, Programme& out);

/// One month's (or one block's) postings: cents by programme and category.
class LedgerCounts {
 public:
  void post(Programme p, LedgerCategory c, std::int64_t cents) {
    v_[static_cast<int>(p) * kLedgerCategories + static_cast<int>(c)] += cents;
  }
  std::int64_t at(Programme p, LedgerCategory c) const {
    return v_[static_cast<int>(p) * kLedgerCategories + static_cast<int>(c)];
  }
  void add(const LedgerCounts& o) {
    for (std::size_t k = 0; k < v_.size(); ++k) v_[k] += o.v_[k];
  }
  void clear() { v_.fill(0); }
  const std::array<std::int64_t, kProgrammes * kLedgerCategories>& raw() const { return v_; }

 private:
  std::array<std::int64_t, kProgrammes * kLedgerCategories> v_{};
};

/// The ledger of every reported month of one replication.
class LedgerSeries {
 public:
  LedgerSeries() = default;
  explicit LedgerSeries(int months) : months_(months) {
    v_.resize(static_cast<std::size_t>(months));
  }
  void set_month(int month, const LedgerCounts& c) { v_[static_cast<std::size_t>(month)] = c; }
  const LedgerCounts& month(int m) const { return v_[static_cast<std::size_t>(m)]; }
  int months() const { return months_; }
  /// Sum over the twelve months of `year` (counted from 0).
  std::int64_t yearly(int year, Programme p, LedgerCategory c) const;
  std::int64_t yearly_programme(int year, Programme p) const;

 private:
  int months_ = 0;
  std::vector<LedgerCounts> v_;
};

}  // namespace leidensim
