#pragma once
// Iterative proportional fitting generalised to household- and person-level constraints.
//
// Each template (a household composition) has a weight; each constraint is a target for the
// weighted sum of the templates' contributions a_ij (1 per household, or its number of matching
// persons). A pass visits the constraints in turn and multiplies every template's weight by
// lambda_j^a_ij, with lambda_j solved (Newton) so that the constraint holds exactly. With all
// contributions 0 or 1 this is classical IPF; with counts it is cyclic coordinate ascent on the
// dual of the entropy problem, converging to the weights closest to the prior (in the
// Kullback-Leibler sense) that meet every target, whenever such weights exist. Unlike iterative
// proportional updating, the exponent lets a constraint shift weight between households of
// different sizes (more singles where persons per household are few).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace leidensim {

struct FitConstraint {
  std::string name;
  double target = 0;
  std::vector<std::pair<std::uint32_t, double>> entries;  // (template, contribution > 0)
};

struct FitResult {
  std::vector<double> weights;
  int iterations = 0;
  double max_relative_error = 0;  // over constraints with a positive target
};

/// `prior` holds the starting weights (the seed of the fit; all 1 if empty).
FitResult fit_ipf(std::size_t templates, const std::vector<FitConstraint>& constraints,
                  const std::vector<double>& prior = {}, int max_iterations = 500,
                  double tolerance = 1e-9);

}  // namespace leidensim
