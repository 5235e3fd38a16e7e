#pragma once
// The indicators a run reports, per month and district: one declared table (name, unit, kind,
// meaning) and the counting of stocks. Modules never write output; they only count flows
// (births, early school leavers, ...) into the month's counters when the event happens.
#include <array>
#include <cstdint>
#include <vector>

namespace leidensim {

class Population;
struct Block;

enum class Indicator : std::uint8_t {
  Persons,
  Households,
  Employed,
  Unemployed,
  Bijstand,
  HouseholdsInPoverty,
  ChildrenInPoverty,
  ProblematicDebt,
  Jeugdhulp,
  Wmo,
  EarlySchoolLeavers,
  NoStartkwalificatie18to27,
  Neet16to27,
  Births,
  Deaths,
  Immigrants,
  Emigrants,
  HouseholdsSingle,
  HouseholdsCoupleNoKids,
  HouseholdsCoupleWithKids,
  HouseholdsSingleParent,
  HouseholdsOther,
  Count
};
inline constexpr int kIndicators = static_cast<int>(Indicator::Count);

enum class IndicatorKind { Stock, Flow };  // stock: end of month; flow: events during the month

struct IndicatorInfo {
  const char* name;
  const char* unit;
  IndicatorKind kind;
  const char* description;
};
const std::array<IndicatorInfo, kIndicators>& indicator_table();

/// Counters of one month (or one block's share of it), laid out [district][indicator].
class IndicatorCounts {
 public:
  explicit IndicatorCounts(int districts = 0)
      : districts_(districts), v_(districts * kIndicators) {}
  std::int64_t* data() { return v_.data(); }
  const std::int64_t* data() const { return v_.data(); }
  std::int64_t& at(int district, Indicator i) {
    return v_[district * kIndicators + static_cast<int>(i)];
  }
  std::int64_t at(int district, Indicator i) const {
    return v_[district * kIndicators + static_cast<int>(i)];
  }
  std::int64_t total(Indicator i) const;
  int districts() const { return districts_; }
  void clear() { std::fill(v_.begin(), v_.end(), 0); }
  void add(const IndicatorCounts& o) {
    for (std::size_t k = 0; k < v_.size(); ++k) v_[k] += o.v_[k];
  }

 private:
  int districts_;
  std::vector<std::int64_t> v_;
};

/// Adds the end-of-month stocks of one block to `counts`. Reads person and household columns
/// only; safe to run per block in parallel (each block into its own counts).
void count_stocks(const Population& pop, const Block& block, IndicatorCounts& counts);

/// Indicators of every reported month of one replication: [month][district][indicator].
class IndicatorSeries {
 public:
  IndicatorSeries() = default;
  IndicatorSeries(int months, int districts)
      : months_(months), districts_(districts), v_(std::size_t(months) * districts * kIndicators) {}
  void set_month(int month, const IndicatorCounts& c) {
    std::copy(c.data(), c.data() + districts_ * kIndicators,
              v_.begin() + std::size_t(month) * districts_ * kIndicators);
  }
  std::int64_t at(int month, int district, Indicator i) const {
    return v_[(std::size_t(month) * districts_ + district) * kIndicators + static_cast<int>(i)];
  }
  std::int64_t city(int month, Indicator i) const;
  /// Yearly value: the December stock, or the sum of the year's flows. `year` counts from 0.
  std::int64_t yearly(int year, int district, Indicator i) const;
  std::int64_t yearly_city(int year, Indicator i) const;
  int months() const { return months_; }
  int districts() const { return districts_; }
  const std::vector<std::int64_t>& raw() const { return v_; }

 private:
  int months_ = 0, districts_ = 0;
  std::vector<std::int64_t> v_;
};

}  // namespace leidensim
