#include "leidensim/measure.hpp"

#include <algorithm>
#include <bit>
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

std::size_t PlaceMeasure::find_eligible(const Population& pop, std::uint32_t begin,
                                        std::uint32_t end, std::uint32_t* out) const {
  std::size_t n = 0;
  for (std::uint32_t p = begin; p < end; ++p)
    if (pop.present(p) && !(pop.measure_bits[p] & enrolled_bit()) && eligible(pop, p)) out[n++] = p;
  return n;
}

std::int32_t PlaceMeasure::waiting_since(std::uint32_t id, std::int32_t month) const {
  if (waiting_table_.empty()) return month;
  const std::size_t mask = waiting_table_.size() - 1;
  for (std::size_t i = waiting_hash(id); waiting_table_[i].since >= 0; i = (i + 1) & mask)
    if (waiting_table_[i].id == id) return waiting_table_[i].since;
  return month;
}

void PlaceMeasure::enrol(SerialContext& c) {
  Population& pop = c.pop;
  const auto month = static_cast<std::int32_t>(c.month.month);
  const MonthStream rng = c.month.stream(stream());
  const double halflife = settings().after_effect_halflife_months;
  const Threshold dropout(settings().dropout_monthly);
  const std::uint32_t mine = enrolled_bit() | after_bit();
  const std::uint32_t slots = static_cast<std::uint32_t>(pop.person_slots());
  // Leavers. Only persons carrying one of the measure's bits (participants, those with an
  // after-effect, and copies of them made by in-migration) need a look-up among the
  // participants: a few thousand at most, found by a screen of one column.
  enrolled_slots_.clear();
  for_each_marked(pop.measure_bits.data(), 0, slots, mine, [&](std::uint32_t p) {
    if (!pop.present(p)) return;
    std::uint32_t& bits = pop.measure_bits[p];
    const std::uint32_t id = pop.id[p];
    auto it = participants_.find(id);
    if (it == participants_.end()) {  // a copy made by in-migration: not a participant
      bits &= ~mine;
      return;
    }
    Participant& part = it->second;
    part.seen = month;
    if (bits & enrolled_bit()) {
      const bool done = month - part.start >= settings().duration_months;
      if (done || dropout.fires(rng(id, 1)[0])) {
        bits &= ~enrolled_bit();
        part.exit = month;
        if (halflife > 0) bits |= after_bit();
      } else {
        enrolled_slots_.push_back(p);
      }
    } else if (month - part.exit > 8 * halflife) {  // effect below 1/256 of its size
      bits &= ~after_bit();
    }
  });
  enrolled_ = enrolled_slots_.size();
  // The eligible who are not enrolled, in slot order (eligibility reads the population only, so
  // evaluating it after all leavers rather than person by person changes nothing).
  if (eligible_.size() < slots) eligible_.resize(slots);
  const std::size_t found = find_eligible(pop, 0, slots, eligible_.data());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;  // (slot, id)
  candidates.reserve(found);
  for (std::size_t k = 0; k < found; ++k) {
    const std::uint32_t p = eligible_[k];
    if (pop.present(p) && !(pop.measure_bits[p] & enrolled_bit()))
      candidates.emplace_back(p, pop.id[p]);
  }
  // Forget participants who left the population, and those whose after-effect has ended.
  std::erase_if(participants_, [&](const auto& kv) {
    return kv.second.seen != month ||
           (kv.second.exit >= 0 && month - kv.second.exit > 8 * halflife);
  });
  // Waiting list: the eligible who are not enrolled, longest waiting first, then by a random
  // priority from the measure's stream. The months waiting come from last month's list (a
  // flat hash table by id, see below), and the priorities are drawn in one batch.
  struct Entry {
    std::int32_t since;
    std::uint32_t key;
    std::uint32_t slot;
    std::uint32_t id;
  };
  std::vector<Entry> queue(candidates.size());
  std::vector<std::int32_t> since(candidates.size());  // in candidate order
  {
    std::vector<std::uint32_t> ids(candidates.size()), keys(candidates.size()),
        unused(candidates.size());
    for (std::size_t k = 0; k < candidates.size(); ++k) ids[k] = candidates[k].second;
    draw_many(*c.month.key, ids.data(), ids.size(), c.month.month, stream(), 2, keys.data(),
              unused.data(), unused.data(), unused.data());
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      const auto [slot, id] = candidates[k];
      since[k] = waiting_since(id, month);
      queue[k] = {since[k], keys[k], slot, id};
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
    enrolled_slots_.push_back(e.slot);
    ++enrolled_;
  }
  // The rest wait: the candidates that did not get the enrolled bit, in a hash table by id
  // (open addressing, at most half full): thousands of entries each month, for which sorting
  // or a node-based map would cost more than the look-ups.
  waiting_count_ = queue.size() - take;
  std::size_t capacity = 16;
  while (capacity < 2 * waiting_count_) capacity *= 2;
  waiting_table_.assign(capacity, WaitingEntry{});
  waiting_shift_ = 64 - std::countr_zero(capacity);
  const std::size_t mask = capacity - 1;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const auto [slot, id] = candidates[k];
    if (pop.measure_bits[slot] & enrolled_bit()) continue;
    std::size_t i = waiting_hash(id);
    while (waiting_table_[i].since >= 0) i = (i + 1) & mask;
    waiting_table_[i] = {id, since[k]};
  }
  c.ledger.post(settings().programme, LedgerCategory::MeasureCost,
                static_cast<std::int64_t>(enrolled_) * cost_per_month_cents_);
}

void PlaceMeasure::run_block(Phase phase, BlockContext& c) {
  if (phase != kPayments) return;
  Population& pop = c.pop;
  // Participants are few: screen the measure bits first.
  for_each_marked(pop.measure_bits.data(), c.block.person_begin, c.block.person_end, enrolled_bit(),
                  [&](std::uint32_t p) {
                    if (!pop.present(p) || pop.role[p] != Role::Head) return;
                    const std::uint32_t h = pop.household[p];
                    const std::int64_t amount = monthly_transfer_cents(pop, h);
                    if (amount <= 0) return;
                    const std::int64_t income = pop.hh_income_cents[h] + amount;
                    pop.hh_income_cents[h] =
                        static_cast<std::int32_t>(std::min<std::int64_t>(income, INT32_MAX));
                    c.ledger.post(settings().programme, LedgerCategory::TransfersToHouseholds,
                                  amount);
                    if (!(pop.hh_flags[h] & household_flag::kStudent) &&
                        !minimum_.poor(income, minimum_.of(pop, h)))
                      pop.hh_flags[h] &= static_cast<std::uint8_t>(~household_flag::kPoor);
                  });
}

}  // namespace leidensim
