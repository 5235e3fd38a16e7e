#include "leidensim/outputs/hdf5_store.hpp"

#include <H5Cpp.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>

#include "leidensim/indicators.hpp"
#include "leidensim/ledger.hpp"

namespace leidensim::outputs {

namespace {

namespace fs = std::filesystem;
using Dims = std::vector<hsize_t>;

// The HDF5 C++ API is not thread-safe; every public function holds this lock.
std::mutex& hdf5_mutex() {
  static std::mutex m;
  return m;
}

// Errors are reported as exceptions; keeps HDF5 from printing its error stack to stderr.
class QuietHdf5Errors {
 public:
  QuietHdf5Errors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  QuietHdf5Errors(const QuietHdf5Errors&) = delete;
  QuietHdf5Errors& operator=(const QuietHdf5Errors&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

std::runtime_error hdf5_error(const H5::Exception& e, const fs::path& file) {
  std::string what = file.string() + ": HDF5 error";
  if (!e.getFuncName().empty()) what += " in " + e.getFuncName();
  if (!e.getDetailMsg().empty()) what += ": " + e.getDetailMsg();
  return std::runtime_error(what);
}

// ---- types ----------------------------------------------------------------------------------

template <typename T>
struct H5Types;
template <>
struct H5Types<std::int32_t> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_INT32; }
  static const H5::PredType& file() { return H5::PredType::STD_I32LE; }
};
template <>
struct H5Types<std::int64_t> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_INT64; }
  static const H5::PredType& file() { return H5::PredType::STD_I64LE; }
};
template <>
struct H5Types<std::uint32_t> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_UINT32; }
  static const H5::PredType& file() { return H5::PredType::STD_U32LE; }
};
template <>
struct H5Types<std::uint64_t> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_UINT64; }
  static const H5::PredType& file() { return H5::PredType::STD_U64LE; }
};
template <>
struct H5Types<double> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_DOUBLE; }
  static const H5::PredType& file() { return H5::PredType::IEEE_F64LE; }
};

H5::StrType vlen_string_type() {
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(H5T_CSET_UTF8);
  return t;
}

H5::StrType fixed_string_type(std::size_t length) {
  H5::StrType t(H5::PredType::C_S1, std::max<std::size_t>(length, 1));
  t.setStrpad(H5T_STR_NULLPAD);
  t.setCset(H5T_CSET_UTF8);
  return t;
}

// ---- writing --------------------------------------------------------------------------------

/// A group that keeps the order in which its members were created: h5py lists them (and pandas
/// takes its columns) in that order rather than alphabetically.
H5::Group ordered_group(const H5::Group& parent, const std::string& name) {
  const hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
  if (gcpl < 0) throw H5::PropListIException("ordered_group", "H5Pcreate failed");
  H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  const hid_t id = H5Gcreate2(parent.getId(), name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT);
  H5Pclose(gcpl);
  if (id < 0) throw H5::GroupIException("ordered_group", "cannot create group " + name);
  H5Gclose(id);
  return parent.openGroup(name);
}

void string_attribute(const H5::H5Object& obj, const std::string& name, const std::string& value) {
  const auto type = vlen_string_type();
  obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, value);
}

void strings_attribute(const H5::H5Object& obj, const std::string& name,
                       const std::vector<std::string>& values) {
  const auto type = vlen_string_type();
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  const hsize_t n = values.size();
  obj.createAttribute(name, type, H5::DataSpace(1, &n)).write(type, ptrs.data());
}

template <typename T>
void number_attribute(const H5::H5Object& obj, const std::string& name, T value) {
  obj.createAttribute(name, H5Types<T>::file(), H5::DataSpace(H5S_SCALAR))
      .write(H5Types<T>::mem(), &value);
}

/// A JSON value as an attribute: strings as strings, integers and numbers as such; null or
/// missing as an empty string (so that every documented attribute exists).
void json_attribute(const H5::H5Object& obj, const std::string& name, const nlohmann::json& v) {
  if (v.is_number_unsigned())
    number_attribute<std::uint64_t>(obj, name, v.get<std::uint64_t>());
  else if (v.is_number_integer())
    number_attribute<std::int64_t>(obj, name, v.get<std::int64_t>());
  else if (v.is_number())
    number_attribute<double>(obj, name, v.get<double>());
  else if (v.is_string())
    string_attribute(obj, name, v.get<std::string>());
  else if (v.is_null())
    string_attribute(obj, name, "");
  else
    string_attribute(obj, name, v.dump());
}

void string_dataset(const H5::Group& g, const std::string& name, const std::string& value) {
  const auto type = vlen_string_type();
  g.createDataSet(name, type, H5::DataSpace(H5S_SCALAR)).write(value, type);
}

/// A small array of names, as variable-length UTF-8 strings.
void strings_dataset(const H5::Group& g, const std::string& name,
                     const std::vector<std::string>& values) {
  const auto type = vlen_string_type();
  const hsize_t n = values.size();
  auto ds = g.createDataSet(name, type, H5::DataSpace(1, &n));
  if (n == 0) return;
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  ds.write(ptrs.data(), type);
}

/// Creation properties for a chunked, shuffled and deflate-compressed (gzip level 1) dataset.
H5::DSetCreatPropList compressed(const Dims& chunk) {
  H5::DSetCreatPropList p;
  p.setChunk(static_cast<int>(chunk.size()), chunk.data());
  p.setShuffle();
  p.setDeflate(1);
  return p;
}

/// A 1-D column: chunked and compressed unless empty.
H5::DataSet column_dataset(const H5::Group& g, const std::string& name, const H5::DataType& type,
                           hsize_t n) {
  const H5::DataSpace space(1, &n);
  if (n == 0) return g.createDataSet(name, type, space);
  const Dims chunk = {std::min<hsize_t>(n, 65536)};
  return g.createDataSet(name, type, space, compressed(chunk));
}

template <typename T>
void number_column(const H5::Group& g, const std::string& name, const std::vector<T>& values) {
  auto ds = column_dataset(g, name, H5Types<T>::file(), values.size());
  if (!values.empty()) ds.write(values.data(), H5Types<T>::mem());
}

/// A column of strings, fixed length (the longest value), null-padded: compresses well and
/// reads as a plain numpy bytes array.
void string_column(const H5::Group& g, const std::string& name,
                   const std::vector<std::string>& values) {
  std::size_t len = 1;
  for (const auto& v : values) len = std::max(len, v.size());
  const auto type = fixed_string_type(len);
  auto ds = column_dataset(g, name, type, values.size());
  if (values.empty()) return;
  std::vector<char> buf(values.size() * len, '\0');
  for (std::size_t k = 0; k < values.size(); ++k)
    std::memcpy(buf.data() + k * len, values[k].data(), values[k].size());
  ds.write(buf.data(), type);
}

/// An int64 array [replication x ...], one chunk per replication (split along the second
/// dimension if a replication exceeds 4 MiB).
H5::DataSet replication_array(const H5::Group& g, const std::string& name, const Dims& dims,
                              const std::vector<std::string>& dim_names,
                              const std::vector<std::string>& coordinates,
                              const std::string& units) {
  Dims chunk = dims;
  chunk[0] = 1;
  hsize_t inner = 1;
  for (std::size_t k = 2; k < dims.size(); ++k) inner *= dims[k];
  const hsize_t max_elements = (hsize_t(4) << 20) / sizeof(std::int64_t);
  chunk[1] = std::clamp<hsize_t>(max_elements / std::max<hsize_t>(inner, 1), 1, dims[1]);
  auto ds =
      g.createDataSet(name, H5Types<std::int64_t>::file(),
                      H5::DataSpace(static_cast<int>(dims.size()), dims.data()), compressed(chunk));
  strings_attribute(ds, "dimensions", dim_names);
  strings_attribute(ds, "coordinates", coordinates);
  string_attribute(ds, "units", units);
  return ds;
}

/// Writes `data` (the dimensions after the first) as replication `r` of `ds`.
void write_replication(const H5::DataSet& ds, const Dims& dims, hsize_t r,
                       const std::int64_t* data) {
  H5::DataSpace file_space = ds.getSpace();
  Dims start(dims.size(), 0), count = dims;
  start[0] = r;
  count[0] = 1;
  file_space.selectHyperslab(H5S_SELECT_SET, count.data(), start.data());
  const H5::DataSpace mem_space(static_cast<int>(count.size()), count.data());
  ds.write(data, H5Types<std::int64_t>::mem(), mem_space, file_space);
}

std::string host_name() {
  char buf[HOST_NAME_MAX + 1] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "";
  return buf;
}

std::string valid_name(const std::string& name) {
  if (name.empty() || name == "." || name.find('/') != std::string::npos)
    throw std::invalid_argument("write_hdf5: invalid scenario name \"" + name + "\"");
  return name;
}

struct Shape {
  std::vector<std::string> districts;
  YearMonth start;
  int months = 0;
  int years = 0;
};

void write_meta(H5::H5File& f, const std::vector<ScenarioResult>& scenarios, const Shape& shape,
                const nlohmann::json& provenance) {
  const H5::Group root = f.openGroup("/");
  auto meta = ordered_group(root, "meta");
  const auto get = [&](const char* key) {
    return provenance.is_object() && provenance.contains(key) ? provenance.at(key)
                                                              : nlohmann::json();
  };
  string_attribute(meta, "format", "leidensim");
  number_attribute<std::int32_t>(meta, "format_version", kHdf5FormatVersion);
  json_attribute(meta, "program", get("program"));
  json_attribute(meta, "version", get("version"));
  if (!get("seed").is_null()) json_attribute(meta, "seed", get("seed"));
  const auto replications = get("replications");
  if (replications.is_null())
    number_attribute<std::int64_t>(meta, "replications",
                                   static_cast<std::int64_t>(scenarios[0].replications.size()));
  else
    json_attribute(meta, "replications", replications);
  json_attribute(meta, "host", get("host").is_null() ? nlohmann::json(host_name()) : get("host"));
  json_attribute(meta, "start_time", get("started"));
  json_attribute(meta, "end_time", get("finished"));
  string_attribute(meta, "start", shape.start.to_string());

  string_dataset(meta, "provenance", provenance.dump());

  std::vector<std::string> names;
  auto scenario_json = ordered_group(meta, "scenarios");
  auto module_json = ordered_group(meta, "modules");
  for (const auto& s : scenarios) {
    names.push_back(s.name);
    string_dataset(scenario_json, s.name, s.scenario.dump());
    string_dataset(module_json, s.name, s.modules.dump());
  }
  strings_dataset(meta, "scenario_names", names);

  std::vector<std::string> ind_names, ind_units, ind_kinds;
  for (const auto& info : indicator_table()) {
    ind_names.emplace_back(info.name);
    ind_units.emplace_back(info.unit);
    ind_kinds.emplace_back(info.kind == IndicatorKind::Stock ? "stock" : "flow");
  }
  strings_dataset(meta, "indicators", ind_names);
  strings_dataset(meta, "indicator_units", ind_units);
  strings_dataset(meta, "indicator_kinds", ind_kinds);
  strings_dataset(meta, "districts", shape.districts);

  std::vector<std::string> codes, programme_names, categories;
  for (int p = 0; p < kProgrammes; ++p) {
    codes.emplace_back(programme_code(static_cast<Programme>(p)));
    programme_names.emplace_back(programme_name(static_cast<Programme>(p)));
  }
  for (int c = 0; c < kLedgerCategories; ++c)
    categories.emplace_back(category_name(static_cast<LedgerCategory>(c)));
  strings_dataset(meta, "programmes", codes);
  strings_dataset(meta, "programme_names", programme_names);
  strings_dataset(meta, "categories", categories);

  std::vector<std::string> months;
  for (int m = 0; m < shape.months; ++m) months.push_back(shape.start.plus_months(m).to_string());
  strings_dataset(meta, "months", months);
  std::vector<std::int32_t> years;
  for (int y = 0; y < shape.years; ++y) years.push_back(shape.start.plus_months(12 * y).year);
  const hsize_t ny = years.size();
  meta.createDataSet("years", H5Types<std::int32_t>::file(), H5::DataSpace(1, &ny))
      .write(years.data(), H5Types<std::int32_t>::mem());
}

void write_scenario(const H5::Group& scenarios_group, const ScenarioResult& s, const Shape& shape) {
  const auto fail = [&](const std::string& what) {
    throw std::invalid_argument("write_hdf5: scenario \"" + s.name + "\": " + what);
  };
  if (s.replications.empty()) fail("no replications");
  if (s.districts != shape.districts) fail("districts differ from the first scenario's");
  if (!(s.start == shape.start)) fail("start month differs from the first scenario's");

  const hsize_t R = s.replications.size(), M = shape.months, D = shape.districts.size(),
                Y = shape.years;
  auto g = ordered_group(scenarios_group, s.name);
  const std::string coords = "/scenarios/" + s.name + "/replications";
  const Dims ind_dims = {R, M, D, hsize_t(kIndicators)};
  auto indicators = replication_array(
      g, "indicators", ind_dims, {"replication", "month", "district", "indicator"},
      {coords, "/meta/months", "/meta/districts", "/meta/indicators"},
      "see /meta/indicator_units; stocks at the end of the month, flows during the month");
  const Dims ledger_dims = {R, Y, hsize_t(kProgrammes), hsize_t(kLedgerCategories)};
  auto ledger =
      replication_array(g, "ledger", ledger_dims, {"replication", "year", "programme", "category"},
                        {coords, "/meta/years", "/meta/programmes", "/meta/categories"},
                        "cents (sum over the year's reported months)");
  const Dims monthly_dims = {R, M, hsize_t(kProgrammes), hsize_t(kLedgerCategories)};
  auto monthly = replication_array(
      g, "ledger_monthly", monthly_dims, {"replication", "month", "programme", "category"},
      {coords, "/meta/months", "/meta/programmes", "/meta/categories"}, "cents");

  constexpr int PC = kProgrammes * kLedgerCategories;
  std::vector<std::uint32_t> numbers;
  std::vector<std::uint64_t> hashes, persons;
  std::vector<std::int64_t> yearly(Y * PC), by_month(M * PC);
  for (hsize_t r = 0; r < R; ++r) {
    const ReplicationResult& rep = s.replications[r];
    const auto& ind = rep.indicators;
    if (ind.months() != shape.months || ind.districts() != static_cast<int>(D) ||
        ind.raw().size() != M * D * kIndicators)
      fail("replication " + std::to_string(rep.replication) + ": indicators have " +
           std::to_string(ind.months()) + " months and " + std::to_string(ind.districts()) +
           " districts, expected " + std::to_string(M) + " and " + std::to_string(D));
    if (rep.ledger.months() != shape.months)
      fail("replication " + std::to_string(rep.replication) + ": ledger has " +
           std::to_string(rep.ledger.months()) + " months, expected " + std::to_string(M));
    write_replication(indicators, ind_dims, r, ind.raw().data());

    std::fill(yearly.begin(), yearly.end(), 0);
    for (hsize_t m = 0; m < M; ++m) {
      const auto& counts = rep.ledger.month(static_cast<int>(m)).raw();
      std::copy(counts.begin(), counts.end(), by_month.begin() + m * PC);
      for (int k = 0; k < PC; ++k) yearly[(m / 12) * PC + k] += counts[k];
    }
    write_replication(ledger, ledger_dims, r, yearly.data());
    write_replication(monthly, monthly_dims, r, by_month.data());

    numbers.push_back(rep.replication);
    hashes.push_back(rep.final_population_hash);
    persons.push_back(rep.final_persons);
  }
  number_column(g, "replications", numbers);
  number_column(g, "final_population_hash", hashes);
  number_column(g, "final_persons", persons);
}

struct EstimateColumns {
  std::vector<double> mean, low, high;
  void add(const Estimate& e) {
    mean.push_back(e.mean);
    low.push_back(e.low);
    high.push_back(e.high);
  }
  void write(const H5::Group& g, const std::string& prefix) const {
    number_column(g, prefix + "mean", mean);
    number_column(g, prefix + "low", low);
    number_column(g, prefix + "high", high);
  }
};

void write_comparison(H5::H5File& f, const Comparison& c, const Shape& shape) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("write_hdf5: comparison: " + what);
  };
  const int S = static_cast<int>(c.scenarios.size());
  const auto scenario = [&](int k) -> const std::string& {
    if (k < 0 || k >= S) fail("scenario index " + std::to_string(k) + " out of range");
    return c.scenarios[k];
  };
  auto g = ordered_group(f.openGroup("/"), "comparison");
  number_attribute<std::int64_t>(g, "replications", c.replications);
  number_attribute<double>(g, "discount_rate", c.discount_rate);
  strings_dataset(g, "scenarios", c.scenarios);

  {
    const int D = static_cast<int>(shape.districts.size());
    std::vector<std::string> names, indicators, districts;
    std::vector<std::int32_t> years, district_index;
    EstimateColumns value, diff;
    for (const auto& row : c.indicators) {
      const int i = static_cast<int>(row.indicator);
      if (i < 0 || i >= kIndicators) fail("indicator " + std::to_string(i) + " out of range");
      if (row.district < -1 || row.district >= D)
        fail("district " + std::to_string(row.district) + " out of range");
      names.push_back(scenario(row.scenario));
      indicators.emplace_back(indicator_table()[i].name);
      years.push_back(row.year);
      districts.push_back(row.district < 0 ? "Leiden" : shape.districts[row.district]);
      district_index.push_back(row.district);
      value.add(row.value);
      diff.add(row.difference);
    }
    auto t = ordered_group(g, "indicators");
    string_column(t, "scenario", names);
    string_column(t, "indicator", indicators);
    number_column(t, "year", years);
    string_column(t, "district", districts);
    number_column(t, "district_index", district_index);
    value.write(t, "");
    diff.write(t, "diff_");
  }
  {
    std::vector<std::string> names, programmes;
    std::vector<std::int32_t> years;
    EstimateColumns value, diff;
    for (const auto& row : c.budget) {
      const int p = static_cast<int>(row.programme);
      if (p < 0 || p >= kProgrammes) fail("programme " + std::to_string(p) + " out of range");
      names.push_back(scenario(row.scenario));
      years.push_back(row.year);
      programmes.emplace_back(programme_code(row.programme));
      value.add(row.value);
      diff.add(row.difference);
    }
    auto t = ordered_group(g, "budget");
    string_column(t, "scenario", names);
    number_column(t, "year", years);
    string_column(t, "programme", programmes);
    value.write(t, "");
    diff.write(t, "diff_");
  }
  {
    std::vector<std::string> names;
    std::vector<std::int32_t> horizons;
    EstimateColumns measure, avoided, net, bijstand, poverty;
    std::vector<double> per_bijstand, per_poverty, social_return;
    for (const auto& row : c.net_effects) {
      names.push_back(scenario(row.scenario));
      horizons.push_back(row.horizon_years);
      measure.add(row.measure_cost);
      avoided.add(row.avoided_cost);
      net.add(row.net_budget);
      bijstand.add(row.bijstand_years);
      poverty.add(row.poverty_years);
      per_bijstand.push_back(row.euro_per_bijstand_year_less);
      per_poverty.push_back(row.euro_per_poverty_year_less);
      social_return.push_back(row.social_return);
    }
    auto t = ordered_group(g, "net_effects");
    string_column(t, "scenario", names);
    number_column(t, "horizon_years", horizons);
    measure.write(t, "measure_cost_");
    avoided.write(t, "avoided_cost_");
    net.write(t, "net_budget_");
    bijstand.write(t, "bijstand_years_");
    poverty.write(t, "poverty_years_");
    number_column(t, "euro_per_bijstand_year_less", per_bijstand);
    number_column(t, "euro_per_poverty_year_less", per_poverty);
    number_column(t, "social_return", social_return);
  }
}

void write_contents(const fs::path& path, const std::vector<ScenarioResult>& scenarios,
                    const Comparison* comparison, const nlohmann::json& provenance) {
  const ScenarioResult& first = scenarios.front();
  Shape shape;
  shape.districts = first.districts;
  shape.start = first.start;
  shape.months = first.replications.empty() ? 0 : first.replications.front().indicators.months();
  shape.years = (shape.months + 11) / 12;

  H5::H5File f(path.string(), H5F_ACC_TRUNC);
  if (first.replications.empty())
    throw std::invalid_argument("write_hdf5: scenario \"" + first.name + "\": no replications");
  if (shape.months <= 0)
    throw std::invalid_argument("write_hdf5: scenario \"" + first.name + "\" has no months");
  if (shape.districts.empty())
    throw std::invalid_argument("write_hdf5: scenario \"" + first.name + "\" has no districts");
  write_meta(f, scenarios, shape, provenance);
  auto group = ordered_group(f.openGroup("/"), "scenarios");
  for (const auto& s : scenarios) write_scenario(group, s, shape);
  if (comparison) write_comparison(f, *comparison, shape);
  f.close();
}

/// Flushes a file (or folder) to disk, so that the rename never exposes a file whose contents
/// are not yet durable.
void sync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) {
    if (directory) return;  // best effort
    throw std::system_error(errno, std::generic_category(), "cannot open " + path.string());
  }
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && !directory)
    throw std::system_error(err, std::generic_category(), "cannot sync " + path.string());
}

/// Removes partial files of this destination left by processes that no longer exist.
void remove_stale_partials(const fs::path& file) {
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  const std::string prefix = file.filename().string() + ".partial-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid = name.substr(prefix.size());
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos)
      continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
      fs::remove(entry.path(), ec);
  }
}

// ---- reading --------------------------------------------------------------------------------

H5::H5File open_read(const fs::path& file) {
  if (!fs::exists(file)) throw std::runtime_error("cannot read " + file.string() + ": no file");
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  if (!f.nameExists("meta") || !f.openGroup("meta").attrExists("format_version"))
    throw std::runtime_error(file.string() + ": not a leidensim result file");
  std::int32_t version = 0;
  f.openGroup("meta").openAttribute("format_version").read(H5Types<std::int32_t>::mem(), &version);
  if (version > kHdf5FormatVersion)
    throw std::runtime_error(file.string() + ": written in format version " +
                             std::to_string(version) + ", this program reads up to " +
                             std::to_string(kHdf5FormatVersion));
  return f;
}

std::string read_string(const H5::DataSet& ds) {
  std::string s;
  ds.read(s, ds.getStrType());
  return s;
}

std::string read_string_attribute(const H5::H5Object& obj, const std::string& name) {
  const auto a = obj.openAttribute(name);
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}

std::vector<std::string> read_strings(const H5::DataSet& ds) {
  const H5::DataSpace space = ds.getSpace();
  const auto n = static_cast<std::size_t>(space.getSimpleExtentNpoints());
  std::vector<std::string> out;
  if (n == 0) return out;
  const H5::StrType file_type = ds.getStrType();
  if (file_type.isVariableStr()) {
    const auto type = vlen_string_type();
    std::vector<char*> ptrs(n, nullptr);
    ds.read(ptrs.data(), type);
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    H5::DataSet::vlenReclaim(ptrs.data(), type, space);
  } else {
    const std::size_t len = file_type.getSize();
    const auto type = fixed_string_type(len);
    std::vector<char> buf(n * len);
    ds.read(buf.data(), type);
    for (std::size_t k = 0; k < n; ++k) {
      const char* p = buf.data() + k * len;
      out.emplace_back(p, ::strnlen(p, len));
    }
  }
  return out;
}

template <typename T>
std::vector<T> read_numbers(const H5::DataSet& ds, std::vector<hsize_t>* dims = nullptr) {
  const H5::DataSpace space = ds.getSpace();
  const int rank = space.getSimpleExtentNdims();
  std::vector<hsize_t> d(static_cast<std::size_t>(rank));
  if (rank > 0) space.getSimpleExtentDims(d.data());
  std::vector<T> out(static_cast<std::size_t>(space.getSimpleExtentNpoints()));
  if (!out.empty()) ds.read(out.data(), H5Types<T>::mem());
  if (dims) *dims = d;
  return out;
}

template <std::size_t N>
std::array<std::size_t, N> to_array(const std::vector<hsize_t>& d, const std::string& what) {
  if (d.size() != N) throw std::runtime_error(what + ": expected " + std::to_string(N) + " dims");
  std::array<std::size_t, N> a{};
  for (std::size_t k = 0; k < N; ++k) a[k] = static_cast<std::size_t>(d[k]);
  return a;
}

std::vector<std::string> scenario_names(const H5::H5File& f) {
  return read_strings(f.openDataSet("/meta/scenario_names"));
}

Estimate read_estimate(const std::vector<double>& mean, const std::vector<double>& low,
                       const std::vector<double>& high, std::size_t k) {
  return Estimate{mean.at(k), low.at(k), high.at(k)};
}

struct EstimateReader {
  std::vector<double> mean, low, high;
  EstimateReader(const H5::Group& g, const std::string& prefix)
      : mean(read_numbers<double>(g.openDataSet(prefix + "mean"))),
        low(read_numbers<double>(g.openDataSet(prefix + "low"))),
        high(read_numbers<double>(g.openDataSet(prefix + "high"))) {}
  Estimate operator[](std::size_t k) const { return read_estimate(mean, low, high, k); }
};

Comparison read_comparison(const H5::H5File& f) {
  Comparison c;
  const H5::Group g = f.openGroup("/comparison");
  {
    std::int64_t reps = 0;
    g.openAttribute("replications").read(H5Types<std::int64_t>::mem(), &reps);
    c.replications = static_cast<int>(reps);
    g.openAttribute("discount_rate").read(H5Types<double>::mem(), &c.discount_rate);
  }
  c.scenarios = read_strings(g.openDataSet("scenarios"));
  std::map<std::string, int> scenario_index;
  for (int k = static_cast<int>(c.scenarios.size()) - 1; k >= 0; --k)
    scenario_index[c.scenarios[k]] = k;
  const auto index_of = [&](const std::string& name) {
    const auto it = scenario_index.find(name);
    if (it == scenario_index.end())
      throw std::runtime_error("comparison row of unknown scenario \"" + name + "\"");
    return it->second;
  };
  {
    const H5::Group t = g.openGroup("indicators");
    const auto names = read_strings(t.openDataSet("scenario"));
    const auto indicators = read_strings(t.openDataSet("indicator"));
    const auto years = read_numbers<std::int32_t>(t.openDataSet("year"));
    const auto districts = read_numbers<std::int32_t>(t.openDataSet("district_index"));
    const EstimateReader value(t, ""), diff(t, "diff_");
    std::map<std::string, int> indicator_index;
    for (int i = 0; i < kIndicators; ++i) indicator_index[indicator_table()[i].name] = i;
    for (std::size_t k = 0; k < names.size(); ++k) {
      const auto it = indicator_index.find(indicators.at(k));
      if (it == indicator_index.end())
        throw std::runtime_error("comparison row of unknown indicator \"" + indicators[k] + "\"");
      c.indicators.push_back(IndicatorRow{index_of(names[k]), static_cast<Indicator>(it->second),
                                          years.at(k), districts.at(k), value[k], diff[k]});
    }
  }
  {
    const H5::Group t = g.openGroup("budget");
    const auto names = read_strings(t.openDataSet("scenario"));
    const auto years = read_numbers<std::int32_t>(t.openDataSet("year"));
    const auto programmes = read_strings(t.openDataSet("programme"));
    const EstimateReader value(t, ""), diff(t, "diff_");
    for (std::size_t k = 0; k < names.size(); ++k) {
      Programme p{};
      if (!parse_programme(programmes.at(k), p))
        throw std::runtime_error("comparison row of unknown programme \"" + programmes[k] + "\"");
      c.budget.push_back(BudgetRow{index_of(names[k]), years.at(k), p, value[k], diff[k]});
    }
  }
  {
    const H5::Group t = g.openGroup("net_effects");
    const auto names = read_strings(t.openDataSet("scenario"));
    const auto horizons = read_numbers<std::int32_t>(t.openDataSet("horizon_years"));
    const EstimateReader measure(t, "measure_cost_"), avoided(t, "avoided_cost_"),
        net(t, "net_budget_"), bijstand(t, "bijstand_years_"), poverty(t, "poverty_years_");
    const auto per_bijstand = read_numbers<double>(t.openDataSet("euro_per_bijstand_year_less"));
    const auto per_poverty = read_numbers<double>(t.openDataSet("euro_per_poverty_year_less"));
    const auto social_return = read_numbers<double>(t.openDataSet("social_return"));
    for (std::size_t k = 0; k < names.size(); ++k) {
      NetEffect e;
      e.scenario = index_of(names[k]);
      e.horizon_years = horizons.at(k);
      e.measure_cost = measure[k];
      e.avoided_cost = avoided[k];
      e.net_budget = net[k];
      e.bijstand_years = bijstand[k];
      e.poverty_years = poverty[k];
      e.euro_per_bijstand_year_less = per_bijstand.at(k);
      e.euro_per_poverty_year_less = per_poverty.at(k);
      e.social_return = social_return.at(k);
      c.net_effects.push_back(e);
    }
  }
  return c;
}

template <typename F>
auto with_hdf5(const fs::path& file, F&& body) {
  std::lock_guard lock(hdf5_mutex());
  QuietHdf5Errors quiet;
  try {
    return body();
  } catch (const H5::Exception& e) {
    throw hdf5_error(e, file);
  }
}

}  // namespace

std::filesystem::path hdf5_partial_path(const std::filesystem::path& file) {
  return file.parent_path() / (file.filename().string() + ".partial-" + std::to_string(::getpid()));
}

void write_hdf5(const std::filesystem::path& file, const std::vector<ScenarioResult>& scenarios,
                const Comparison* comparison, const nlohmann::json& provenance) {
  if (file.filename().empty())
    throw std::invalid_argument("write_hdf5: \"" + file.string() + "\" is not a file name");
  if (scenarios.empty()) throw std::invalid_argument("write_hdf5: no scenarios");
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    valid_name(scenarios[k].name);
    for (std::size_t j = 0; j < k; ++j)
      if (scenarios[j].name == scenarios[k].name)
        throw std::invalid_argument("write_hdf5: scenario \"" + scenarios[k].name +
                                    "\" given twice");
  }

  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  remove_stale_partials(file);
  const fs::path partial = hdf5_partial_path(file);
  fs::remove(partial);
  try {
    with_hdf5(file, [&] { write_contents(partial, scenarios, comparison, provenance); });
    sync_path(partial, false);
    fs::rename(partial, file);
  } catch (...) {
    std::error_code ec;
    fs::remove(partial, ec);
    throw;
  }
  sync_path(file.has_parent_path() ? file.parent_path() : fs::path("."), true);
}

ScenarioResult ScenarioArrays::to_scenario_result() const {
  ScenarioResult s;
  s.name = name;
  s.scenario = scenario;
  s.modules = modules;
  s.districts = districts;
  s.start = start;
  const auto [R, M, D, I] = indicator_dims;
  const auto& L = ledger_monthly_dims;
  if (I != static_cast<std::size_t>(kIndicators) || L[0] != R || L[1] != M ||
      L[2] != static_cast<std::size_t>(kProgrammes) ||
      L[3] != static_cast<std::size_t>(kLedgerCategories) || indicators.size() != R * M * D * I ||
      ledger_monthly.size() != R * M * L[2] * L[3] || replications.size() != R ||
      final_population_hash.size() != R || final_persons.size() != R || districts.size() != D)
    throw std::runtime_error("scenario \"" + name +
                             "\": arrays do not match this program's indicators and ledger");
  for (std::size_t r = 0; r < R; ++r) {
    ReplicationResult rep;
    rep.replication = replications.at(r);
    rep.final_population_hash = final_population_hash.at(r);
    rep.final_persons = static_cast<std::size_t>(final_persons.at(r));
    rep.indicators = IndicatorSeries(static_cast<int>(M), static_cast<int>(D));
    rep.ledger = LedgerSeries(static_cast<int>(M));
    IndicatorCounts counts(static_cast<int>(D));
    for (std::size_t m = 0; m < M; ++m) {
      const auto* src = indicators.data() + (r * M + m) * D * I;
      std::copy(src, src + D * I, counts.data());
      rep.indicators.set_month(static_cast<int>(m), counts);
      LedgerCounts ledger_counts;
      const auto* cents =
          ledger_monthly.data() + (r * M + m) * std::size_t(kProgrammes) * kLedgerCategories;
      for (int p = 0; p < kProgrammes; ++p)
        for (int c = 0; c < kLedgerCategories; ++c)
          ledger_counts.post(static_cast<Programme>(p), static_cast<LedgerCategory>(c),
                             cents[p * kLedgerCategories + c]);
      rep.ledger.set_month(static_cast<int>(m), ledger_counts);
    }
    s.replications.push_back(std::move(rep));
  }
  return s;
}

std::vector<std::string> read_hdf5_scenario_names(const std::filesystem::path& file) {
  return with_hdf5(file, [&] { return scenario_names(open_read(file)); });
}

ScenarioArrays read_hdf5_scenario(const std::filesystem::path& file, const std::string& name) {
  return with_hdf5(file, [&] {
    const H5::H5File f = open_read(file);
    const auto names = scenario_names(f);
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw std::invalid_argument(file.string() + ": no scenario \"" + name + "\"");
    ScenarioArrays a;
    a.name = name;
    a.scenario = nlohmann::json::parse(read_string(f.openDataSet("/meta/scenarios/" + name)));
    a.modules = nlohmann::json::parse(read_string(f.openDataSet("/meta/modules/" + name)));
    a.start = YearMonth::parse(read_string_attribute(f.openGroup("/meta"), "start"), "start");
    a.districts = read_strings(f.openDataSet("/meta/districts"));
    a.months = read_strings(f.openDataSet("/meta/months"));
    a.years = read_numbers<std::int32_t>(f.openDataSet("/meta/years"));

    const H5::Group g = f.openGroup("/scenarios/" + name);
    a.replications = read_numbers<std::uint32_t>(g.openDataSet("replications"));
    a.final_population_hash = read_numbers<std::uint64_t>(g.openDataSet("final_population_hash"));
    a.final_persons = read_numbers<std::uint64_t>(g.openDataSet("final_persons"));
    std::vector<hsize_t> dims;
    a.indicators = read_numbers<std::int64_t>(g.openDataSet("indicators"), &dims);
    a.indicator_dims = to_array<4>(dims, "indicators");
    a.ledger = read_numbers<std::int64_t>(g.openDataSet("ledger"), &dims);
    a.ledger_dims = to_array<4>(dims, "ledger");
    a.ledger_monthly = read_numbers<std::int64_t>(g.openDataSet("ledger_monthly"), &dims);
    a.ledger_monthly_dims = to_array<4>(dims, "ledger_monthly");
    return a;
  });
}

nlohmann::json read_hdf5_provenance(const std::filesystem::path& file) {
  return with_hdf5(file, [&] {
    return nlohmann::json::parse(read_string(open_read(file).openDataSet("/meta/provenance")));
  });
}

std::optional<Comparison> read_hdf5_comparison(const std::filesystem::path& file) {
  return with_hdf5(file, [&]() -> std::optional<Comparison> {
    const H5::H5File f = open_read(file);
    if (!f.nameExists("comparison")) return std::nullopt;
    return read_comparison(f);
  });
}

}  // namespace leidensim::outputs
