#include "leidensim/measure.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "leidensim/errors.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/processes/income.hpp"

namespace leidensim {

nlohmann::json measure_common_properties() {
  return nlohmann::json::parse(R"json({
    "programme": {"type": "string", "enum": ["7", "8C", "9", "10", "other"],
                  "description": "programme of the municipal budget that pays"},
    "annual_budget": {"type": "number", "minimum": 0,
                      "description": "euros a year at Leiden's size (scaled with --scale)"},
    "cost_per_place": {"type": "number", "exclusiveMinimum": 0,
                       "description": "euros per place a year"},
    "places": {"type": "integer", "minimum": -1,
               "description": "places at Leiden's size; -1 derives them from the budget"},
    "duration_months": {"type": "integer", "minimum": 1, "maximum": 600,
                        "description": "months a participant stays at most"},
    "dropout_monthly": {"type": "number", "minimum": 0, "maximum": 1,
                        "description": "probability per month of leaving early"},
    "after_effect_halflife_months": {"type": "number", "minimum": 0, "maximum": 600,
                                     "description": "half-life of the effect after leaving; 0: none"}
  })json");
}

void set_common_default(nlohmann::json& properties, const std::string& key,
                        const nlohmann::json& value, const std::string& note) {
  auto& p = properties[key];
  p["default"] = value;
  if (!note.empty()) p["description"] = p.value("description", std::string()) + "; " + note;
}

std::string measure_schema(const nlohmann::json& own_properties) {
  nlohmann::json schema = {{"type", "object"}, {"additionalProperties", false}};
  schema["properties"] = measure_common_properties();
  // A measure's own entry for a common property is merged into it, so that it can set the
  // default (or tighten a bound) while the common type and range still apply.
  for (const auto& [k, v] : own_properties.items()) {
    if (schema["properties"].contains(k))
      schema["properties"][k].update(v);
    else
      schema["properties"][k] = v;
  }
  return schema.dump();
}

namespace {
MeasureSettings read_settings(const nlohmann::json& p, const std::string& name) {
  MeasureSettings s;
  auto get = [&](const char* key) -> const nlohmann::json& {
    if (!p.contains(key))
      throw InputError(input_error_message("", name + ": /params/" + key,
                                           "missing (the measure's schema must give a default)"));
    return p.at(key);
  };
  if (!parse_programme(get("programme").get<std::string>(), s.programme))
    throw InputError(input_error_message("", name + ": /params/programme", "unknown programme"));
  s.annual_budget = get("annual_budget").get<double>();
  s.cost_per_place = get("cost_per_place").get<double>();
  s.places = get("places").get<long>();
  s.duration_months = get("duration_months").get<int>();
  s.dropout_monthly = get("dropout_monthly").get<double>();
  s.after_effect_halflife_months = get("after_effect_halflife_months").get<double>();
  return s;
}
}  // namespace

Measure::Measure(const ModuleSetup& setup, const std::string& name)
    : spec_(setup.spec),
      params_(setup.params),
      settings_(read_settings(setup.params, name)),
      index_(setup.measure_index),
      stream_(stream_id(name)) {
  if (index_ < 0 || index_ >= 16)
    throw InputError(input_error_message("", name, "at most 16 measures can run together"));
  const double scale = spec_.scale;
  capacity_ = settings_.places >= 0 ? std::lround(static_cast<double>(settings_.places) * scale)
                                    : static_cast<long>(std::floor(settings_.annual_budget * scale /
                                                                   settings_.cost_per_place));
}

double Measure::hazard_multiplier(Hazard h, const Population& pop, std::uint32_t slot) const {
  const std::uint32_t bits = pop.measure_bits[slot];
  const double m = enrolled_effect(h);
  if (bits & enrolled_bit()) return m;
  if ((bits & after_bit()) && settings_.after_effect_halflife_months > 0) {
    const double t = months_since_exit(pop, slot);
    return 1.0 + (m - 1.0) * std::exp2(-t / settings_.after_effect_halflife_months);
  }
  return 1.0;
}

PlaceMeasure::PlaceMeasure(const ModuleSetup& setup, const std::string& name)
    : Measure(setup, name),
      cost_per_month_cents_(std::llround(settings().cost_per_place * 100.0 / 12.0)),
      minimum_(SocialMinimum::from(setup.spec.parameters)) {}

double PlaceMeasure::months_since_exit(const Population& pop, std::uint32_t slot) const {
  auto it = participants_.find(pop.id[slot]);
  if (it == participants_.end() || it->second.exit < 0) return 0;
  return static_cast<double>(it->second.seen - it->second.exit);
}

std::int64_t PlaceMeasure::monthly_transfer_cents(const Population&, std::uint32_t) const {
  return 0;
}

void PlaceMeasure::run_serial(Phase phase, SerialContext& c) {
  if (phase == kBeginMonth) enrol(c);
}

void PlaceMeasure::enrol(SerialContext& c) {
  Population& pop = c.pop;
  const auto month = static_cast<std::int32_t>(c.month.month);
  const MonthStream rng = c.month.stream(stream());
  const double halflife = settings().after_effect_halflife_months;
  const Threshold dropout(settings().dropout_monthly);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;  // (slot, id)
  enrolled_ = 0;
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (!pop.present(p)) continue;
    std::uint32_t& bits = pop.measure_bits[p];
    const std::uint32_t id = pop.id[p];
    if (bits & (enrolled_bit() | after_bit())) {
      auto it = participants_.find(id);
      if (it == participants_.end()) {  // a copy made by in-migration: not a participant
        bits &= ~(enrolled_bit() | after_bit());
      } else {
        Participant& part = it->second;
        part.seen = month;
        if (bits & enrolled_bit()) {
          const bool done = month - part.start >= settings().duration_months;
          if (done || dropout.fires(rng(id, 1)[0])) {
            bits &= ~enrolled_bit();
            part.exit = month;
            if (halflife > 0) bits |= after_bit();
          } else {
            ++enrolled_;
            continue;
          }
        } else if (month - part.exit > 8 * halflife) {  // effect below 1/256 of its size
          bits &= ~after_bit();
        }
      }
    }
    if (!(bits & enrolled_bit()) && eligible(pop, p)) candidates.emplace_back(p, id);
  }
  // Forget participants who left the population, and those whose after-effect has ended.
  std::erase_if(participants_, [&](const auto& kv) {
    return kv.second.seen != month ||
           (kv.second.exit >= 0 && month - kv.second.exit > 8 * halflife);
  });
  // Waiting list: the eligible who are not enrolled, longest waiting first, then by a random
  // priority from the measure's stream. The list is a vector sorted by id (thousands of
  // entries each month: a hash map's node allocations cost more than sorting), and the
  // priorities are drawn in one batch.
  struct Entry {
    std::int32_t since;
    std::uint32_t key;
    std::uint32_t slot;
    std::uint32_t id;
  };
  std::vector<Entry> queue(candidates.size());
  {
    std::vector<std::uint32_t> ids(candidates.size()), keys(candidates.size()),
        unused(candidates.size());
    for (std::size_t k = 0; k < candidates.size(); ++k) ids[k] = candidates[k].second;
    draw_many(*c.month.key, ids.data(), ids.size(), c.month.month, stream(), 2, keys.data(),
              unused.data(), unused.data(), unused.data());
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      const auto [slot, id] = candidates[k];
      auto it = std::lower_bound(waiting_.begin(), waiting_.end(), id,
                                 [](const auto& w, std::uint32_t x) { return w.first < x; });
      const std::int32_t since = it != waiting_.end() && it->first == id ? it->second : month;
      queue[k] = {since, keys[k], slot, id};
    }
  }
  const long free_places = std::max(0L, capacity() - static_cast<long>(enrolled_));
  const std::size_t take =
      std::min<std::size_t>(static_cast<std::size_t>(free_places), queue.size());
  // (since, key, id) is a total order (ids are unique), so the places go to the same persons
  // whatever the order of the queue.
  std::partial_sort(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(take), queue.end(),
                    [](const Entry& a, const Entry& b) {
                      return std::tie(a.since, a.key, a.id) < std::tie(b.since, b.key, b.id);
                    });
  for (std::size_t k = 0; k < take; ++k) {
    const Entry& e = queue[k];
    pop.measure_bits[e.slot] = (pop.measure_bits[e.slot] & ~after_bit()) | enrolled_bit();
    participants_[e.id] = Participant{month, -1, month};
    ++enrolled_;
  }
  waiting_.clear();
  waiting_.reserve(queue.size() - take);
  for (std::size_t k = take; k < queue.size(); ++k)
    waiting_.emplace_back(queue[k].id, queue[k].since);
  std::sort(waiting_.begin(), waiting_.end());
  c.ledger.post(settings().programme, LedgerCategory::MeasureCost,
                static_cast<std::int64_t>(enrolled_) * cost_per_month_cents_);
}

void PlaceMeasure::run_block(Phase phase, BlockContext& c) {
  if (phase != kPayments) return;
  Population& pop = c.pop;
  for (std::uint32_t p = c.block.person_begin; p < c.block.person_end; ++p) {
    if (!pop.present(p) || !(pop.measure_bits[p] & enrolled_bit()) || pop.role[p] != Role::Head)
      continue;
    const std::uint32_t h = pop.household[p];
    const std::int64_t amount = monthly_transfer_cents(pop, h);
    if (amount <= 0) continue;
    const std::int64_t income = pop.hh_income_cents[h] + amount;
    pop.hh_income_cents[h] = static_cast<std::int32_t>(std::min<std::int64_t>(income, INT32_MAX));
    c.ledger.post(settings().programme, LedgerCategory::TransfersToHouseholds, amount);
    if (!(pop.hh_flags[h] & household_flag::kStudent) &&
        !minimum_.poor(income, minimum_.of(pop, h)))
      pop.hh_flags[h] &= static_cast<std::uint8_t>(~household_flag::kPoor);
  }
}

}  // namespace leidensim
