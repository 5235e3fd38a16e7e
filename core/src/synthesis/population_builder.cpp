#include "leidensim/synthesis/population_builder.hpp"

#include <algorithm>
#include <cmath>

#include "leidensim/errors.hpp"
#include "leidensim/invariants.hpp"
#include "leidensim/rng.hpp"
#include "leidensim/synthesis/attribute_assignment.hpp"
#include "leidensim/synthesis/ipf.hpp"
#include "leidensim/synthesis/marginal_report.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("synthesis");
constexpr std::uint32_t kSubRounding = 0, kSubAges = 1;

struct TemplateMember {
  FitBand band;
  Role role;
  Sex sex;
  bool random_sex;  // children and housemates: sex drawn at instantiation
};

struct HouseholdTemplate {
  std::uint8_t district;
  HouseholdType type;
  std::vector<TemplateMember> members;
};

constexpr FitBand kAdultBands[] = {FitBand::A18_24, FitBand::A25_26, FitBand::A27_44,
                                   FitBand::A45_64, FitBand::A65_74, FitBand::A75p};
constexpr FitBand kChildBands[] = {FitBand::A0_17, FitBand::A18_24, FitBand::A25_26};

int band_index(FitBand b) {
  return static_cast<int>(b);
}

bool plausible_parent(FitBand parent, FitBand child) {
  const auto [plo, phi] = fit_band_ages(parent);
  const auto [clo, chi] = fit_band_ages(child);
  (void)chi;
  return plo >= 18 && phi - clo >= 18 && plo - 45 <= clo + 10 && parent != FitBand::A75p;
}

/// Multisets of k child bands, in non-decreasing band order.
void child_sets(int k, int start, std::vector<FitBand>& cur,
                std::vector<std::vector<FitBand>>& out) {
  if (k == 0) {
    out.push_back(cur);
    return;
  }
  for (int i = start; i < 3; ++i) {
    cur.push_back(kChildBands[i]);
    child_sets(k - 1, i, cur, out);
    cur.pop_back();
  }
}

std::vector<HouseholdTemplate> make_templates(std::uint8_t d) {
  std::vector<HouseholdTemplate> out;
  std::vector<std::vector<FitBand>> children;
  std::vector<FitBand> cur;
  for (int k = 1; k <= 3; ++k) child_sets(k, 0, cur, children);

  for (FitBand b : kAdultBands)
    for (Sex s : {Sex::Male, Sex::Female})
      out.push_back({d, HouseholdType::Single, {{b, Role::Head, s, false}}});
  for (FitBand a : kAdultBands)
    for (FitBand b : kAdultBands)
      if (std::abs(band_index(a) - band_index(b)) <= 1)
        out.push_back(
            {d,
             HouseholdType::CoupleNoKids,
             {{a, Role::Head, Sex::Male, false}, {b, Role::Partner, Sex::Female, false}}});
  for (FitBand a : kAdultBands) {
    for (const auto& kids : children) {
      bool ok = true;
      for (FitBand c : kids) ok = ok && plausible_parent(a, c);
      if (!ok) continue;
      for (FitBand b : kAdultBands) {
        if (std::abs(band_index(a) - band_index(b)) > 1) continue;
        bool ok_b = true;
        for (FitBand c : kids) ok_b = ok_b && plausible_parent(b, c);
        if (!ok_b) continue;
        HouseholdTemplate t{
            d,
            HouseholdType::CoupleWithKids,
            {{a, Role::Head, Sex::Male, false}, {b, Role::Partner, Sex::Female, false}}};
        for (FitBand c : kids) t.members.push_back({c, Role::Child, Sex::Male, true});
        out.push_back(t);
      }
      for (Sex s : {Sex::Male, Sex::Female}) {
        HouseholdTemplate t{d, HouseholdType::SingleParent, {{a, Role::Head, s, false}}};
        for (FitBand c : kids) t.members.push_back({c, Role::Child, Sex::Male, true});
        out.push_back(t);
      }
    }
  }
  // Other households: two or three unrelated adults (mostly shared student and starter homes).
  const FitBand young[] = {FitBand::A18_24, FitBand::A25_26, FitBand::A27_44};
  for (int i = 0; i < 3; ++i)
    for (int j = i; j < 3; ++j) {
      out.push_back(
          {d,
           HouseholdType::Other,
           {{young[i], Role::Head, Sex::Male, true}, {young[j], Role::Other, Sex::Male, true}}});
      for (int k = j; k < 3; ++k)
        out.push_back({d,
                       HouseholdType::Other,
                       {{young[i], Role::Head, Sex::Male, true},
                        {young[j], Role::Other, Sex::Male, true},
                        {young[k], Role::Other, Sex::Male, true}}});
    }
  return out;
}

double male_share(const PopulationTargets& t, FitBand b) {
  return fit_band_ages(b).first >= 65 ? t.male_share_65_plus : t.male_share_under_65;
}

std::vector<FitConstraint> make_constraints(const PopulationTargets& t,
                                            const std::vector<HouseholdTemplate>& templates) {
  // Households: per district its total and those with children; per type the city total (the
  // split of types over districts follows from the person counts). Persons: per district and age
  // band; the city's 0-17 and 18-26 counts; men under and over 65.
  const std::size_t nd = t.districts.size();
  std::vector<FitConstraint> hh(nd), kids(nd), types(kHouseholdTypes), persons(nd * kDistrictBands);
  FitConstraint young{"persons 0-17", t.persons_0_17, {}};
  FitConstraint students{"persons 18-26", t.persons_18_26, {}};
  double under65 = 0, over65 = 0;
  for (const auto& d : t.districts) {
    under65 += d.persons_by_band[0] + d.persons_by_band[1] + d.persons_by_band[2];
    over65 += d.persons_by_band[3];
  }
  FitConstraint men_under{"men under 65", t.male_share_under_65 * under65, {}};
  FitConstraint men_over{"men 65+", t.male_share_65_plus * over65, {}};
  for (std::size_t d = 0; d < nd; ++d) {
    hh[d] = {t.districts[d].name + " households", t.districts[d].households, {}};
    kids[d] = {t.districts[d].name + " households with children",
               t.districts[d].households_with_children,
               {}};
    for (int b = 0; b < kDistrictBands; ++b)
      persons[d * kDistrictBands + b] = {
          t.districts[d].name + " " + district_band_name(b), t.districts[d].persons_by_band[b], {}};
  }
  // Only the split of families into couples and single parents (derived from published counts)
  // is fitted; the split of the other households is an assumption in the data pack that
  // contradicts the published person counts, so it is reported but not imposed.
  for (int k = 0; k < kHouseholdTypes; ++k)
    types[k] = {std::string("households ") + to_string(HouseholdType(k)),
                fitted_household_type(HouseholdType(k)) ? t.households_by_type[k] : 0.0,
                {}};
  for (std::uint32_t i = 0; i < templates.size(); ++i) {
    const auto& tp = templates[i];
    hh[tp.district].entries.emplace_back(i, 1.0);
    if (tp.type == HouseholdType::CoupleWithKids || tp.type == HouseholdType::SingleParent)
      kids[tp.district].entries.emplace_back(i, 1.0);
    if (fitted_household_type(tp.type)) types[int(tp.type)].entries.emplace_back(i, 1.0);
    std::array<double, kDistrictBands> by_band{};
    double n0_17 = 0, n18_26 = 0, m_under = 0, m_over = 0;
    for (const auto& m : tp.members) {
      by_band[district_band_of(m.band)] += 1;
      n0_17 += m.band == FitBand::A0_17;
      n18_26 += m.band == FitBand::A18_24 || m.band == FitBand::A25_26;
      const double male = m.random_sex ? male_share(t, m.band) : (m.sex == Sex::Male ? 1.0 : 0.0);
      (fit_band_ages(m.band).first >= 65 ? m_over : m_under) += male;
    }
    for (int b = 0; b < kDistrictBands; ++b)
      if (by_band[b] > 0)
        persons[tp.district * kDistrictBands + b].entries.emplace_back(i, by_band[b]);
    if (n0_17 > 0) young.entries.emplace_back(i, n0_17);
    if (n18_26 > 0) students.entries.emplace_back(i, n18_26);
    if (m_under > 0) men_under.entries.emplace_back(i, m_under);
    if (m_over > 0) men_over.entries.emplace_back(i, m_over);
  }
  // Person constraints first, household constraints last: household counts are exact after
  // every pass, the person counts converge.
  std::vector<FitConstraint> all = persons;
  for (auto* c : {&young, &students, &men_under, &men_over}) all.push_back(*c);
  for (const auto& c : types)
    if (!c.entries.empty()) all.push_back(c);
  for (auto* group : {&kids, &hh}) all.insert(all.end(), group->begin(), group->end());
  return all;
}

std::uint16_t draw_age_months(FitBand band, const Draws& d) {
  const auto [lo, hi] = fit_band_ages(band);
  int years;
  if (band == FitBand::A75p) {
    // Ages above 75 thin out with mortality: an exponential tail with a mean of 8 years.
    years = lo + static_cast<int>(-8.0 * std::log(1.0 - unit_interval(d[0])));
    years = std::min(years, hi);
  } else {
    years = lo + static_cast<int>(uniform_below(d[0], static_cast<std::uint32_t>(hi - lo + 1)));
  }
  return static_cast<std::uint16_t>(years * 12 + static_cast<int>(uniform_below(d[1], 12)));
}

std::vector<PersonRecord> instantiate(const HouseholdTemplate& t, const PopulationTargets& targets,
                                      const RandomKey& key, std::uint32_t household_number) {
  std::vector<PersonRecord> out;
  for (std::size_t k = 0; k < t.members.size(); ++k) {
    const auto& m = t.members[k];
    const Draws d = key.draw(household_number, kSynthesisMonth, kStream,
                             kSubAges + 16 * static_cast<std::uint32_t>(k));
    PersonRecord r;
    r.role = m.role;
    r.age_months = draw_age_months(m.band, d);
    r.sex = m.random_sex
                ? (unit_interval(d[2]) < male_share(targets, m.band) ? Sex::Male : Sex::Female)
                : m.sex;
    out.push_back(r);
  }
  // Parents are at least 18 years older than their children: lower the child's age within its
  // band, or raise the parent's within theirs.
  for (auto& parent : out) {
    if (parent.role != Role::Head && parent.role != Role::Partner) continue;
    if (t.type != HouseholdType::CoupleWithKids && t.type != HouseholdType::SingleParent) continue;
    for (std::size_t k = 0; k < out.size(); ++k) {
      auto& child = out[k];
      if (child.role != Role::Child) continue;
      const int gap = 18 * 12;
      if (parent.age_months >= child.age_months + gap) continue;
      const int child_lo = fit_band_ages(t.members[k].band).first * 12;
      const int lowered = static_cast<int>(parent.age_months) - gap;
      if (lowered >= child_lo) {
        child.age_months = static_cast<std::uint16_t>(lowered);
      } else {
        child.age_months = static_cast<std::uint16_t>(child_lo);
        parent.age_months =
            static_cast<std::uint16_t>(std::max<int>(parent.age_months, child_lo + gap));
      }
    }
  }
  return out;
}

}  // namespace

SynthesisResult build_population(const std::filesystem::path& data_dir, const ParameterSet& ps,
                                 std::uint64_t seed, double scale, int year) {
  if (!(scale > 0) || scale > 1000)
    throw InputError(input_error_message("", "scale", "must be in (0, 1000]"));
  const PopulationTargets targets = PopulationTargets::load(data_dir, ps, year);
  std::vector<HouseholdTemplate> templates;
  for (std::size_t d = 0; d < targets.districts.size(); ++d) {
    auto t = make_templates(static_cast<std::uint8_t>(d));
    templates.insert(templates.end(), t.begin(), t.end());
  }
  const auto constraints = make_constraints(targets, templates);
  // Prior: the data pack's (assumed) household-type split, spread evenly over a type's templates.
  std::vector<double> prior(templates.size());
  {
    std::vector<std::array<double, kHouseholdTypes>> per_cell(targets.districts.size());
    for (const auto& t : templates) per_cell[t.district][int(t.type)] += 1;
    for (std::size_t i = 0; i < templates.size(); ++i) {
      const auto& t = templates[i];
      prior[i] = targets.households_by_type[int(t.type)] / per_cell[t.district][int(t.type)];
    }
  }
  const FitResult fit = fit_ipf(templates.size(), constraints, prior);

  SynthesisResult result;
  for (const auto& d : targets.districts) result.districts.push_back(d.name);
  result.fit_iterations = fit.iterations;
  result.fit_max_relative_error = fit.max_relative_error;

  const RandomKey key(seed, 0);
  Population& pop = result.population;
  pop.reserve(static_cast<std::size_t>(targets.persons() * scale * 1.05),
              static_cast<std::size_t>(targets.households() * scale * 1.05));
  std::uint32_t household_number = 0;
  for (std::uint32_t i = 0; i < templates.size(); ++i) {
    const double w = fit.weights[i] * scale;
    const double whole = std::floor(w);
    const auto u = unit_interval(key.draw(i, kSynthesisMonth, kStream, kSubRounding)[0]);
    const auto n = static_cast<std::uint32_t>(whole) + (u < w - whole ? 1u : 0u);
    for (std::uint32_t k = 0; k < n; ++k)
      pop.add_household(templates[i].district,
                        instantiate(templates[i], targets, key, household_number++));
  }
  assign_attributes(pop, ps, seed, scale, targets.bijstand_recipients);
  InvariantChecker::check_structure(pop, "after synthesis");

  result.report = population_marginals(pop, targets, ps, scale);
  return result;
}

}  // namespace leidensim
