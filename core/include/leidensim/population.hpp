#pragma once
// The simulated population: persons in households, stored as structure-of-arrays.
//
// Layout. Person slots of one household are contiguous: household h owns person slots
// [first[h], first[h] + slots[h]). Some of those slots may be vacant (the person died or moved
// out); vacant slots are skipped and squeezed out by compact(). A household whose membership
// grows is copied to the end of the arrays, so growth never shifts other households. Persons keep
// a stable id for life, which keys their random draws; slots are only storage positions.
//
// Blocks (partition()) are ranges of whole households, so a parallel pass over blocks may write
// person and household state of its own block without locks.
//
// Memory: bytes_per_person() reports the state size (about 40 bytes per person).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace leidensim {

enum class Sex : std::uint8_t { Male = 0, Female = 1 };
enum class Role : std::uint8_t { Head = 0, Partner = 1, Child = 2, Other = 3 };

/// What a person is doing in education this month.
enum class EduStage : std::uint8_t {
  None = 0,            // not (yet, or no longer) in education
  Primary = 1,         // ages 4-11
  LowerSecondary = 2,  // ages 12-15
  Vocational = 3,      // mbo
  General = 4,         // havo/vwo upper years
  Higher = 5,          // hbo/wo
};
/// Highest level attained. Startkwalificatie means at least Qualified.
enum class EduLevel : std::uint8_t { None = 0, Basic = 1, Qualified = 2, Higher = 3 };

enum class Labour : std::uint8_t {
  Child = 0,    // below working age and in compulsory school or younger
  Student = 1,  // 15+ and in education
  Employed = 2,
  Unemployed = 3,  // looking for work (with or without WW)
  Inactive = 4,    // not looking (homemaker, partner of an earner, ...)
  Disabled = 5,    // work disability
  Retired = 6,     // state pension age
};
inline constexpr int kLabourStates = 7;

enum class Benefit : std::uint8_t { None = 0, WW = 1, Bijstand = 2, Disability = 3, AOW = 4 };
inline constexpr int kBenefits = 5;

enum class HouseholdType : std::uint8_t {
  Single = 0,
  CoupleNoKids = 1,
  CoupleWithKids = 2,
  SingleParent = 3,
  Other = 4,
};
inline constexpr int kHouseholdTypes = 5;
const char* to_string(HouseholdType t);

namespace person_flag {
inline constexpr std::uint8_t kPresent = 1;      // slot holds a living resident
inline constexpr std::uint8_t kLowLiteracy = 2;  // laaggeletterd
inline constexpr std::uint8_t kEarlyLeaver = 4;  // left school without startkwalificatie
}  // namespace person_flag

namespace care_flag {
inline constexpr std::uint8_t kJeugdhulp = 1;
inline constexpr std::uint8_t kWmo = 2;
}  // namespace care_flag

namespace household_flag {
inline constexpr std::uint8_t kPresent = 1;
inline constexpr std::uint8_t kPoor = 2;  // income below the poverty line (see income module)
inline constexpr std::uint8_t kDebt = 4;  // problematic debt
inline constexpr std::uint8_t kStudent =
    8;  // lives on student finance (outside poverty statistics)
}  // namespace household_flag

/// One person as a value, for creating and copying persons (not used in the hot loops).
struct PersonRecord {
  std::uint32_t id = 0;
  std::uint16_t age_months = 0;
  std::uint8_t flags = person_flag::kPresent;
  Sex sex = Sex::Male;
  Role role = Role::Head;
  EduStage edu_stage = EduStage::None;
  EduLevel edu_level = EduLevel::None;
  Labour labour = Labour::Child;
  Benefit benefit = Benefit::None;
  std::uint8_t care = 0;
  std::uint16_t labour_months = 0;   // months in the current labour status
  std::uint16_t benefit_months = 0;  // months on the current benefit
  std::int32_t wage_cents = 0;       // monthly earnings when employed; reference wage otherwise
  std::uint32_t measure_bits = 0;    // policy measures the person takes part in (see Measure)
};

struct Block {
  std::uint32_t person_begin, person_end;
  std::uint32_t household_begin, household_end;
};

class Population {
 public:
  // ---- person columns (index: person slot) ----
  std::vector<std::uint32_t> id;
  std::vector<std::uint32_t> household;  // household slot
  std::vector<std::uint16_t> age_months;
  std::vector<std::uint16_t> labour_months;
  std::vector<std::uint16_t> benefit_months;
  std::vector<std::int32_t> wage_cents;
  std::vector<std::uint8_t> flags;
  std::vector<Sex> sex;
  std::vector<Role> role;
  std::vector<std::uint8_t> district;  // copy of the household's district, for fast counting
  std::vector<EduStage> edu_stage;
  std::vector<EduLevel> edu_level;
  std::vector<Labour> labour;
  std::vector<Benefit> benefit;
  std::vector<std::uint8_t> care;
  // Two bits per loaded policy measure k: bit 2k enrolled, bit 2k+1 in its after-effect period.
  std::vector<std::uint32_t> measure_bits;

  // ---- household columns (index: household slot) ----
  std::vector<std::uint32_t> hh_first;  // first person slot
  std::vector<std::uint16_t> hh_slots;  // person slots owned, vacant ones included
  std::vector<std::uint8_t> hh_members;
  std::vector<std::uint8_t> hh_district;
  std::vector<HouseholdType> hh_type;
  std::vector<std::uint8_t> hh_flags;
  std::vector<std::uint16_t> hh_debt_months;
  std::vector<std::int32_t> hh_income_cents;  // disposable monthly income, set by the income module

  std::size_t person_slots() const { return id.size(); }
  std::size_t household_slots() const { return hh_first.size(); }
  bool present(std::size_t p) const { return flags[p] & person_flag::kPresent; }
  bool household_present(std::size_t h) const { return hh_flags[h] & household_flag::kPresent; }
  std::uint32_t age_years(std::size_t p) const { return age_months[p] / 12u; }
  std::size_t persons() const { return persons_; }
  std::size_t households() const { return households_; }
  std::uint32_t next_id() const { return next_id_; }

  PersonRecord record(std::size_t p) const;
  /// Fills `out` with one id per household slot of the block: the id of its first present
  /// member (0 for a vacant household). Household-level draws are keyed by this id.
  void household_subjects(const Block& block, std::vector<std::uint32_t>& out) const;

  /// Appends a new household with the given members (ids are assigned if a record's id is 0).
  /// Returns its household slot.
  std::uint32_t add_household(std::uint8_t district, const std::vector<PersonRecord>& members);
  /// Vacates a person's slot (death, leaving the city, or moving into another household).
  void vacate(std::uint32_t person_slot);
  /// Vacates all members and the household itself.
  void remove_household(std::uint32_t household_slot);
  /// Copies a household to the end of the arrays with `extra` members appended, vacating the
  /// old slots; returns the new household slot.
  std::uint32_t regrow_household(std::uint32_t household_slot,
                                 const std::vector<PersonRecord>& extra);
  /// Present members of a household, as person slots.
  std::vector<std::uint32_t> members(std::uint32_t household_slot) const;
  /// Re-derives the household type and fixes roles (a head exists if any member is present).
  void refresh_household(std::uint32_t household_slot);

  /// Squeezes out vacant slots, keeping order. Called when vacancies exceed `max_vacant_share`.
  void compact();
  bool needs_compaction(double max_vacant_share = 0.15) const;

  /// Partitions the slots into blocks of about `target_persons` person slots, each a range of
  /// whole households.
  std::vector<Block> partition(std::size_t target_persons) const;
  /// Adds blocks for households appended since `blocks` was made. Between compactions no slot
  /// moves, so the existing blocks remain ranges of whole households.
  void extend_partition(std::vector<Block>& blocks, std::size_t target_persons) const;

  /// A hash of all person and household columns of present slots, in slot order.
  std::uint64_t hash() const;
  /// Bytes of state per person (all columns, households included), at the current size.
  double bytes_per_person() const;
  void reserve(std::size_t persons, std::size_t households);

 private:
  std::uint32_t append_person(const PersonRecord& r, std::uint32_t household_slot,
                              std::uint8_t district);
  template <class F>
  void for_each_person_column(F&& f);
  template <class F>
  void for_each_household_column(F&& f);

  std::size_t persons_ = 0;
  std::size_t households_ = 0;
  std::size_t vacant_person_slots_ = 0;
  std::uint32_t next_id_ = 1;
};

/// The state hash's mixing step over raw bytes (64-bit words, then a byte tail), from `h`.
std::uint64_t hash_bytes(std::uint64_t h, const void* data, std::size_t n);

HouseholdType classify_household(int adults_in_couple, int children, int others);

}  // namespace leidensim
