#!/usr/bin/env python3
"""Writes parameters.csv: every parameter of the life-course model with unit, valid range,
quality mark, source and derivation.

The rows below are the single place where model parameters are stated. Values marked
"published" are read from a file of this data pack (named in the source column) or from the
publication named there; "derived" values are computed here from published figures, by the method
in the note; "assumption" values are stated modelling assumptions, to be replaced when better data
come and to be varied in sensitivity runs.

Run from anywhere: python3 data/leiden/derive_parameters.py
"""
import csv
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_AGE = 110
rows = []


def fmt(v):
    return f"{v:.6g}"


def add(name, value, unit, lo, hi, quality, source, note=""):
    values = value if isinstance(value, (list, tuple)) else [value]
    for v in values:
        assert lo <= v <= hi, (name, v)
    rows.append({
        "name": name,
        "value": " ".join(fmt(v) for v in values),
        "unit": unit,
        "min": fmt(lo),
        "max": fmt(hi),
        "quality": quality,
        "source": source,
        "note": note,
    })


def monthly(p_annual):
    return 1 - (1 - p_annual) ** (1 / 12)


def by_age(bands):
    """Age table 0..MAX_AGE from [(first_age, value), ...] (value holds until the next band)."""
    out = []
    for a in range(MAX_AGE + 1):
        v = 0.0
        for first, value in bands:
            if a >= first:
                v = value
        out.append(v)
    return out


# ---------------------------------------------------------------------------------------------
# Demography
# ---------------------------------------------------------------------------------------------
# Life table: Gompertz-Makeham hazard mu(x) = A + B exp(c x) from age 15, sex ratio r
# (men r x mu, women mu / r), infant and child death probabilities; B solved so that the mean of
# male and female life expectancy equals the published 81.7 years (NL 2017).
INFANT_Q = 540 / 167504  # deaths at age 0 (2022) / live births (2022)
CHILD_Q = 0.0001
GM_A, GM_C, SEX_RATIO = 0.0002, 0.1, 1.2
E0_TARGET = 81.7


def life_table(B, ratio):
    qs = []
    for a in range(MAX_AGE + 1):
        if a == 0:
            q = INFANT_Q
        elif a < 15:
            q = CHILD_Q
        else:
            q = 1 - math.exp(-(GM_A + B * math.exp(GM_C * a)) * ratio)
        qs.append(1.0 if a == MAX_AGE else min(q, 1.0))
    return qs


def e0(qs):
    alive, total = 1.0, 0.0
    for q in qs:
        total += alive * (1 - q / 2)
        alive *= 1 - q
    return total


lo, hi = 1e-7, 1e-3
for _ in range(200):
    mid = math.sqrt(lo * hi)
    mean = (e0(life_table(mid, SEX_RATIO)) + e0(life_table(mid, 1 / SEX_RATIO))) / 2
    lo, hi = (mid, hi) if mean > E0_TARGET else (lo, mid)
q_male, q_female = life_table(mid, SEX_RATIO), life_table(mid, 1 / SEX_RATIO)
life_note = (f"Gompertz-Makeham hazard A + B exp(c x) from 15 (A={GM_A}, c={GM_C}, B={mid:.4g} "
             f"solved so that the mean of male and female life expectancy is {E0_TARGET}); men "
             f"{SEX_RATIO} x and women 1/{SEX_RATIO} x the hazard (assumption); age 0: "
             f"{INFANT_Q:.5f} = 540 infant deaths / 167,504 births (2022); ages 1-14: {CHILD_Q} "
             f"(assumption); certain death at {MAX_AGE}. e0 men {e0(q_male):.1f}, women "
             f"{e0(q_female):.1f}. Replace with CBS 37360ned when available.")
add("demography.mortality_annual_male", q_male, "probability of dying within a year, by age 0-110",
    0, 1, "derived", "mortality_nl.csv (life expectancy 2017, infant deaths 2022); "
    "transitions_national.csv (births 2022)", life_note)
add("demography.mortality_annual_female", q_female,
    "probability of dying within a year, by age 0-110", 0, 1, "derived",
    "mortality_nl.csv (life expectancy 2017, infant deaths 2022); transitions_national.csv "
    "(births 2022)", life_note)

# Fertility of women living with a partner: a normal-shaped schedule over ages 15-49 with mean
# 31.5 (mean age at any birth, 2022) and sd 5, scaled to a total of TFR_PARTNERED.
TFR_PARTNERED = 2.0
MEAN_AGE, SD_AGE = 31.5, 5.0
shape = [math.exp(-0.5 * ((a + 0.5 - MEAN_AGE) / SD_AGE) ** 2) if 15 <= a <= 49 else 0.0
         for a in range(MAX_AGE + 1)]
total = sum(shape)
fert = [TFR_PARTNERED * s / total for s in shape]
add("demography.fertility_annual", fert, "births per woman living with a partner per year, by "
    "age 0-110", 0, 1, "derived", "transitions_national.csv (total fertility rate 1.57, 2019; "
    "mean age of mother 31.5-32.3, 2022)",
    f"normal schedule over 15-49, mean {MEAN_AGE}, sd {SD_AGE}, summing to {TFR_PARTNERED} "
    "births per partnered woman (assumption: the national 1.57 over all women, of whom about "
    "three quarters of the fertile years are spent with a partner); to be calibrated on Leiden's "
    "1,060 births (2018)")
add("demography.fertility_single_factor", 0.1, "fertility of women without a partner relative "
    "to partnered women", 0, 1, "assumption", "assumption (about 1 in 10 births is to a mother "
    "without a partner, CBS order of magnitude)")
add("demography.male_share_at_birth", 0.512, "share of births that are boys", 0, 1, "published",
    "CBS Bevolkingsontwikkeling: about 105 boys per 100 girls (sex ratio at birth)")
add("demography.leaving_home_annual",
    by_age([(17, 0.05), (18, 0.25), (20, 0.20), (25, 0.15), (30, 0.05)]),
    "probability per year that a child living at home leaves, by age 0-110", 0, 1, "assumption",
    "assumption (median age of leaving home in the Netherlands about 23; earlier in a student "
    "city)")
add("demography.partnering_annual",
    by_age([(18, 0.024), (20, 0.064), (25, 0.112), (30, 0.096), (35, 0.056), (45, 0.032),
            (55, 0.016), (65, 0.004)]),
    "probability per year that a person without a partner starts looking for one, by age "
    "0-110 (a match within district and five-year age band is required)", 0, 1, "assumption",
    "assumption (shape of first-union rates in the Netherlands), level 0.8 x the first guess so "
    "that, with emigration, the population follows the forecast", "household-type drift: the "
    "share of one-person households grows over the horizon; to be calibrated on the household "
    "types")
add("demography.separation_annual", 0.012, "probability per year that a couple separates", 0, 1,
    "assumption", "assumption (order of divorces per 1000 marriages plus cohabitation break-ups, "
    "CBS)")
add("demography.immigration_annual", 0.087, "persons settling from elsewhere per year, per "
    "inhabitant of the base population", 0, 1, "published", "transitions_national.csv (Leiden "
    "2023, settlement from other municipalities, StatLine 60048NED transcription)")
add("demography.immigration_growth_annual", 0.008, "yearly growth of the number of in-migrants",
    -0.5, 0.5, "derived", "population_age_sex.csv (forecast 130,108 in 2024 to 142,000 in 2035)",
    "(142,000 / 130,108)^(1/11) - 1: in-migration grows with the housing stock as in the "
    "forecast")
add("demography.immigration_young_share", 0.7, "share of in-migrating households modelled on "
    "households with a head aged 18-29", 0, 1, "assumption", "assumption (in-migration to "
    "Leiden is dominated by students and starters)")
add("demography.emigration_annual",
    by_age([(15, 0.25), (25, 0.20), (30, 0.1125), (35, 0.05625), (45, 0.025), (65, 0.015)]),
    "probability per year that a household leaves the city, by age of its head 0-110", 0, 1,
    "derived", "population_age_sex.csv (forecast 134,200 in 2028 and 142,000 in 2035); "
    "transitions_national.csv (in-migration)",
    "age profile assumed (young households move most); level scaled so that the simulated "
    "population reaches the forecast's 142,000 around 2035 (simulated: about 142,700 in 2034)")

# ---------------------------------------------------------------------------------------------
# Education
# ---------------------------------------------------------------------------------------------
add("education.general_track_share", 0.5, "share of pupils in havo/vwo (rather than mbo) from "
    "age 16", 0, 1, "assumption", "assumption (Leiden's pupils are above the national havo/vwo "
    "share of about 45%)")
add("education.dropout_annual", 0.06, "probability per year that a pupil 16+ in mbo or havo/vwo "
    "leaves without startkwalificatie", 0, 1, "derived", "education.csv (150 early school "
    "leavers 2020/21, vsv rate 2.17% of 6,914 participants aged 12-23)",
    "calibrated so that the simulated number of early school leavers is about 150 a year "
    "(0.06 of modelled participants 16+ in mbo/havo/vwo)")
add("education.vocational_completion_age", 19, "age (years) at which mbo is completed", 16, 30,
    "assumption", "assumption (mbo-3/4 takes three to four years from 16)")
add("education.general_completion_age", 18, "age (years) at which havo/vwo is completed", 16, 30,
    "assumption", "assumption (havo at 17, vwo at 18)")
add("education.higher_entry_share_general", 0.85, "share of havo/vwo graduates entering hbo/wo",
    0, 1, "assumption", "assumption (national transfer rates of 80-90%)")
add("education.higher_entry_share_vocational", 0.2, "share of mbo graduates entering hbo", 0, 1,
    "assumption", "assumption (mbo-4 to hbo transfer about 40%, all mbo levels about 20%)")
add("education.higher_completion_annual", 0.35, "probability per year from age 21 that a "
    "student in hbo/wo graduates", 0, 1, "assumption", "assumption (mean study duration about "
    "five years)")
add("education.higher_dropout_annual", 0.04, "probability per year from age 21 that a student "
    "in hbo/wo leaves without a degree", 0, 1, "assumption", "assumption")
add("education.second_chance_annual", 0.05, "probability per year that a person aged 18-27 "
    "without startkwalificatie obtains one", 0, 1, "assumption", "assumption (RMC and adult "
    "education; to be checked against the 85% startkwalificatie share)")

# ---------------------------------------------------------------------------------------------
# Labour and benefits
# ---------------------------------------------------------------------------------------------
JOB_FINDING = 0.22
JOB_LOSS = 0.0034
UNEMPLOYMENT = 0.04
# The textbook steady state u = s / (s + f) counts only job losers. In the model the unemployed
# also come from education (every school leaver starts as a job seeker: about 3,350 in the
# simulated base year, 470 of them in the first month because the synthesis places 19-year-olds
# in mbo), from the end of work disability (about 150 a year) and with in-migrating households;
# and a fifth of them (about 560) receive bijstand, whose exit follows labour.bijstand_outflow,
# not the job finding rate. With f = 0.12 and s = f u / (1 - u) = 0.005 the simulated base year
# had 6.1% unemployed (steady state about 6.2%); with f = 0.12 even s = 0 gives 4.2% in the base
# year. f and s are therefore calibrated together by simulation (validate --calibration, base
# year 2024, 2 replications per point, 4 to confirm) on the two base-population shares they
# govern: the unemployment rate (population.unemployment_rate, 4%) and the share of WW among the
# unemployed without bijstand (population.ww_share_of_unemployed, 40%; the WW share rises with s).
# Grid f in 0.16-0.24, s in 0.002-0.004; found f = 0.22, s = 0.0034: base-year rate 4.0%, WW
# share 0.40. Known drift: after the base year the synthesis's student stock (12,300, falling
# to about 6,300 in five years) stops feeding the unemployed and the rate settles near 2.4%
# (30-year baseline, 2030-2054).
add("labour.pension_age_years", 67, "state pension (AOW) age in years", 50, 80, "published",
    "Rijksoverheid: AOW age 67 in 2024-2027")
add("labour.job_finding_monthly", JOB_FINDING, "probability per month that an unemployed person "
    "finds work (before level and literacy factors)", 0, 1, "derived",
    "labour_benefits.csv (Leiden unemployment rate 0.04, 2022); population.ww_share_of_unemployed",
    "calibrated by simulation, jointly with labour.job_loss_monthly, so that the base-year (2024) "
    "unemployment rate is 4% and 40% of the unemployed without bijstand receive WW, as in the "
    "base population: the steady state u = s / (s + f) ignores school leavers (about 3,350 a "
    "year enter unemployment from education), disability exits and the bijstand recipients among "
    "the unemployed, and with the earlier assumption f = 0.12 the base year had 6.1% (even s = 0 "
    "gives 4.2%). Grid f 0.16-0.24 x s 0.002-0.004, 2 replications each; found f = 0.22 (mean "
    "search of about 4.5 months at startkwalificatie level), base year 4.00% with 4 replications; "
    "the model has no exit from unemployment to inactivity, so f stands for all exits of job "
    "seekers. The rate drifts to about 2.4% (2030-2054) once the synthesis's student stock "
    "has drained")
add("labour.job_loss_monthly", JOB_LOSS,
    "probability per month that an employed person loses their job", 0, 1, "derived",
    "labour_benefits.csv (Leiden unemployment rate 0.04, 2022); population.ww_share_of_unemployed",
    "calibrated by simulation with labour.job_finding_monthly (see there): s sets the WW share "
    "of the unemployed without bijstand; s = 0.0034 gives 0.40 in the base year (0.40 in the "
    "base population); the former s = f u / (1 - u) counted job losers as the only inflow")
add("labour.job_finding_factor_by_level", [0.5, 0.7, 1.0, 1.3], "job finding relative to the "
    "base rate, by education level (none, basic, startkwalificatie, higher)", 0, 10,
    "assumption", "assumption (CBS: unemployment of low-educated about twice that of "
    "high-educated)")
add("labour.low_literacy_job_finding_factor", 0.7, "job finding of low-literate persons relative "
    "to others", 0, 10, "assumption", "assumption (Stichting Lezen & Schrijven: low literacy "
    "lowers labour participation)")
add("labour.inactive_job_finding_monthly", 0.01, "probability per month that an inactive person "
    "starts work", 0, 1, "assumption", "assumption")
add("labour.employed_to_inactive_monthly", 0.001, "probability per month that an employed person "
    "stops working without looking for work (care, homemaking)", 0, 1, "assumption",
    "assumption")
add("labour.ww_min_employment_months", 6, "months of work needed for WW (weekeis: 26 of 36 "
    "weeks)", 0, 120, "published", "UWV: WW weekeis 26 weeks")
add("labour.ww_max_months", 24, "maximum WW duration in months", 0, 120, "published",
    "UWV: maximum WW duration 24 months since 2019")
add("labour.bijstand_inflow_monthly", 0.019, "probability per month that a household head "
    "without work or benefit in a household below the poverty line starts bijstand", 0, 1,
    "derived", "labour_benefits.csv (Leiden inflow 1,005 in 2012; stock 2,931 in 2024)",
    "calibrated so that the simulated stock stays near the 2024 level over the first years "
    "(re-calibrated with the labour flows f = 0.22, s = 0.0034: 0.019 gives 2,906 in the base year "
    "and 2,680-2,740 in years 2-4; 0.015 gave 2,840; backcast 2017-2022 MAPE 8.9%)")
bij_first = monthly(0.44)
bij_long = monthly(0.08)
bij_mid = math.sqrt(bij_first * bij_long)
add("labour.bijstand_outflow", [bij_first, bij_mid, bij_long], "probability per month of "
    "leaving bijstand, by spell duration (<12, 12-35, 36+ months)", 0, 1, "derived",
    "transitions_national.csv (exit in first benefit year 0.44, 2016-2021; exit after 3+ years "
    "0.08, 2006)", "monthly equivalents 1-(1-p)^(1/12); the 12-35 month band is the geometric "
    "mean of the other two (assumption)")
add("labour.bijstand_exit_to_work_share", 0.105 / 0.22, "share of bijstand exits that are to "
    "work", 0, 1, "derived", "labour_benefits.csv (NL 2015: outflow to work 10.5% and outflow "
    "22% of stock plus starters)", "0.105 / 0.22")
DIS_SHARE, DIS_OUT = 0.056, 0.03
add("labour.disability_outflow_annual", DIS_OUT, "probability per year of leaving work "
    "disability", 0, 1, "assumption", "assumption (most WIA/Wajong spells are long)")
add("labour.disability_inflow_annual", DIS_OUT * DIS_SHARE / (1 - DIS_SHARE), "probability per "
    "year that a person of working age becomes work-disabled", 0, 1, "derived",
    "labour_benefits.csv (disability benefit recipients 5.6% of 15-64, Leiden 2011)",
    "steady state: inflow = outflow x share / (1 - share)")
add("labour.wage_median_by_level", [1700, 2100, 2600, 3600], "median net monthly earnings in "
    "euros of a full-time job, by education level (none, basic, startkwalificatie, higher)", 0,
    100000, "assumption", "assumption (order of CBS net earnings by education level, 2022)")
add("labour.wage_sigma", 0.35, "standard deviation of log earnings within a level", 0, 5,
    "assumption", "assumption")
add("labour.part_time_share", 0.45, "share of jobs that are part-time", 0, 1, "assumption",
    "assumption (CBS: about half of workers work part-time)")
add("labour.part_time_factor", 0.6, "earnings of a part-time job relative to full-time", 0, 1,
    "assumption", "assumption (about 24 of 38 hours)")

# ---------------------------------------------------------------------------------------------
# Income and poverty
# ---------------------------------------------------------------------------------------------
add("income.bijstand_norm_single", 1283.83, "euros per month (net, 1 Jan 2024), single or single "
    "parent, 21 to pension age", 0, 100000, "published", "poverty_debt.csv")
add("income.bijstand_norm_couple", 1834.04, "euros per month (net, 1 Jan 2024), couple, 21 to "
    "pension age", 0, 100000, "published", "poverty_debt.csv")
add("income.pension_norm_single", 1425.76, "euros per month (net, 1 Jan 2024), single at pension "
    "age; also used as the AOW amount", 0, 100000, "published", "poverty_debt.csv",
    "the bijstand norm at pension age equals the net AOW of a single person with supplement")
add("income.pension_norm_couple", 1933.98, "euros per month (net, 1 Jan 2024), couple at pension "
    "age; also used as the couple's AOW", 0, 100000, "published", "poverty_debt.csv")
add("income.poverty_line_factor", 1.2, "poverty line as a multiple of the social minimum", 0, 10,
    "published", "poverty_debt.csv (120% of the social minimum; income_limit_120pct rows)")
add("income.ww_replacement_rate", 0.70, "WW benefit as a share of the previous wage", 0, 1,
    "published", "UWV: WW is 75% of the daily wage for two months, 70% thereafter",
    "the first two months at 75% are not modelled")
add("income.disability_benefit_monthly", 1500, "euros per month (net) of a disability benefit",
    0, 100000, "assumption", "assumption (between Wajong at 70% of the minimum wage and WIA)")
add("income.supplementary_pension_factor", 0.35, "occupational pension per month as a share of "
    "the last monthly wage", 0, 2, "assumption", "assumption (calibrated on the 11.9% of single "
    "65+ households below 120%, poverty_debt.csv)")
add("income.student_income_monthly", 1000, "euros per month of a student 18+ (student finance, "
    "side jobs)", 0, 100000, "assumption", "assumption; student households are left out of "
    "poverty counts as in CBS statistics")

# ---------------------------------------------------------------------------------------------
# Problematic debt
# ---------------------------------------------------------------------------------------------
NL_INFLOW = 7000 / 8.1e6   # households per month / NL households
POOR_SHARE, RR, STOCK = 0.222, 4.0, 0.08
inflow_nonpoor = NL_INFLOW / (POOR_SHARE * RR + 1 - POOR_SHARE)
add("debt.inflow_monthly_nonpoor", inflow_nonpoor, "probability per month that a household above "
    "the poverty line gets problematic debt", 0, 1, "derived", "poverty_debt.csv (7,000 new "
    "problematic-debt households a month in NL, 2020; 22.2% of households below 120%)",
    f"average inflow 7,000 / 8.1 million households = {NL_INFLOW:.6f}, split with a relative "
    f"risk of {RR} for households below the poverty line (assumption)")
add("debt.inflow_monthly_poor", inflow_nonpoor * RR, "probability per month that a household "
    "below the poverty line gets problematic debt", 0, 1, "derived", "poverty_debt.csv",
    f"relative risk {RR} (assumption) times the non-poor inflow")
add("debt.outflow_monthly", NL_INFLOW * (1 - STOCK) / STOCK, "probability per month that a "
    "household's problematic debt ends", 0, 1, "derived", "poverty_debt.csv (Leiden "
    "registered problematic debt 8%, assumption from the NL 7.6-7.9%)",
    "steady state: outflow = inflow x (1 - share) / share")

add("debt.help_cost_annual", 1590000 / (STOCK * 73720), "euros per household in problematic debt "
    "per year: municipal debt help (schuldhulpverlening), programme 10", 0, 1e6, "derived",
    "costs.csv (debt counselling programme cost 1,590,000 in 2017); households.csv (73,720 "
    "households, 2024)", "programme cost over the households in problematic debt "
    f"({STOCK} x 73,720), so that fewer debt households avoid a proportional cost")

# ---------------------------------------------------------------------------------------------
# Care
# ---------------------------------------------------------------------------------------------
add("care.jeugdhulp_cost_annual", 12900, "euros per jeugdhulp client per year (programme 7)", 0,
    1e6, "assumption", "costs.csv (jeugdhulp cost per client, Leiden 2017, assumption row; "
    "Nijmegen 12,500)")
add("care.wmo_cost_annual", 3383, "euros per Wmo client per year (programme 9)", 0, 1e6,
    "assumption", "costs.csv (Wmo cost per client, Leiden 2017, assumption row)")
YOUTH_SHARE, YOUTH_OUT, YOUTH_RR, POOR_CHILD_SHARE = 0.12, 0.06, 2.0, 0.15
youth_in_avg = YOUTH_OUT * YOUTH_SHARE / (1 - YOUTH_SHARE)
add("care.jeugdhulp_outflow_monthly", YOUTH_OUT, "probability per month that jeugdhulp ends",
    0, 1, "assumption", "assumption (mean spell of about 17 months; youth protection ends for "
    "39% of its stock a year, transitions_national.csv)")
add("care.jeugdhulp_poverty_factor", YOUTH_RR, "jeugdhulp inflow of children in poor households "
    "relative to others", 0, 100, "assumption", "assumption (CBS: youth care use is higher in "
    "low-income households)")
add("care.jeugdhulp_inflow_monthly", youth_in_avg / (POOR_CHILD_SHARE * YOUTH_RR + 1 -
    POOR_CHILD_SHARE), "probability per month that a child not in poverty starts jeugdhulp", 0, 1,
    "derived", "care.csv (Leiden jeugdhulp 12% of under-18s, assumption from NL 12%)",
    f"steady state inflow = outflow x share / (1 - share), divided over poor ({POOR_CHILD_SHARE} "
    f"of children, assumption) and other children with the poverty factor")
WMO_OUT = 0.25
wmo_shape = [(0, 0.002), (18, 0.008), (65, 0.04), (75, 0.12), (85, 0.35)]
WMO_SCALE = 0.95
add("care.wmo_outflow_annual", WMO_OUT, "probability per year that Wmo support ends (deaths "
    "apart)", 0, 1, "assumption", "assumption")
add("care.wmo_inflow_annual", [min(1.0, v * WMO_SCALE) for v in by_age(wmo_shape)],
    "probability per year of starting Wmo support, by age 0-110", 0, 1, "derived",
    "care.csv (Leiden 58 Wmo clients per 1000, assumption from peer cities 48-79)",
    "age profile assumed (steeply rising after 65); level scaled so that the stationary stock "
    "is about 58 per 1000 inhabitants")

# ---------------------------------------------------------------------------------------------
# Base population (synthesis targets beyond the demographic marginals)
# ---------------------------------------------------------------------------------------------
add("population.share_0_17", 20037 / 124417, "share of inhabitants aged 0-17", 0, 1, "derived",
    "population_age_sex.csv (0-17: 20,037 of 124,417 on 1 Jan 2018)",
    "2018 share applied to 2024")
add("population.male_share_under_65", 0.49, "share of men among inhabitants under 65", 0, 1,
    "assumption", "population_age_sex.csv (sex split assumption rows, 2022)")
add("population.male_share_65_plus", 0.44, "share of men among inhabitants 65+", 0, 1,
    "assumption", "population_age_sex.csv (sex split assumption rows, 2022)")
add("population.in_education_share_18_24", 0.55, "share of 18-24 year olds in education", 0, 1,
    "assumption", "assumption (student city: 27,000 inhabitants aged 18-26, "
    "population_age_sex.csv)")
add("population.startkwalificatie_share_18_27", 0.85, "share of 18-27 year olds with "
    "startkwalificatie", 0, 1, "assumption", "education.csv (assumption row, 2024)")
add("population.level_shares_25_plus", [0.05, 0.12, 0.38, 0.45], "shares of education levels "
    "(none, basic, startkwalificatie, higher) among adults 28+", 0, 1, "assumption",
    "assumption (Leiden is highly educated; NL higher-education share about 35%)")
add("population.low_literacy_share_16_65", 0.10, "share of low-literate persons aged 16-65", 0, 1,
    "published", "education.csv (Leiden 9-11%, 2018; midpoint)")
add("population.low_literacy_share_by_level", [0.45, 0.25, 0.07, 0.015], "probability of low "
    "literacy by education level (none, basic, startkwalificatie, higher)", 0, 1, "derived",
    "education.csv (Leiden 10%)", "profile assumed (low literacy concentrates among the "
    "low-educated); level chosen so that the share of 16-65 is about 10%")
add("population.net_participation_men", 0.731, "share of men aged 15-64 in work", 0, 1,
    "published", "labour_benefits.csv (COROP Agglomeratie Leiden en Bollenstreek 2017)")
add("population.net_participation_women", 0.647, "share of women aged 15-64 in work", 0, 1,
    "published", "labour_benefits.csv (COROP Agglomeratie Leiden en Bollenstreek 2017)")
add("population.unemployment_rate", UNEMPLOYMENT, "unemployed share of the labour force", 0, 1,
    "assumption", "labour_benefits.csv (Leiden 2022, assumption row; Zuid-Holland 3.9%)")
add("population.disability_share_18_66", DIS_SHARE, "share of working-age persons with a work "
    "disability", 0, 1, "published", "labour_benefits.csv (5.6% of 15-64, Leiden 2011)")
add("population.bijstand_recipients", 2931, "bijstand recipients (benefit households)", 0, 1e7,
    "assumption", "labour_benefits.csv (2024 flat from 2022's published 2,946 and the national "
    "trend)")
add("population.bijstand_weight_by_household_type", [1.0, 0.21, 0.41, 2.4, 0.5], "relative "
    "chance of bijstand for a household head without work, by household type (single, "
    "couple_no_kids, couple_with_kids, single_parent, other)", 0, 100, "derived",
    "labour_benefits.csv (Leidschendam-Voorburg bijstand by household type, Jan 2017); "
    "households.csv (Leiden household types 2024)", "benefit households per type (persons / "
    "household size) over Leiden's households of that type, relative to singles; 'other' "
    "assumed 0.5")
add("population.bijstand_duration_mean_months", 48 / math.log(1 / 0.4), "mean elapsed bijstand "
    "duration in the base population, months", 0, 600, "derived", "labour_benefits.csv (over 40% "
    "of recipients longer than 4 years, Leiden 2016)", "exponential durations with "
    "P(T > 48) = 0.4")
add("population.ww_share_of_unemployed", 0.4, "share of the unemployed receiving WW", 0, 1,
    "assumption", "assumption")
add("population.jeugdhulp_share_under_18", YOUTH_SHARE, "share of under-18s receiving jeugdhulp",
    0, 1, "assumption", "care.csv (Leiden 12%, assumption row)")
add("population.wmo_clients_per_1000", 58, "Wmo clients per 1000 inhabitants", 0, 1000,
    "assumption", "care.csv (Leiden 58, assumption row)")
add("population.poverty_share_households", POOR_SHARE, "share of households (students excluded) "
    "at or below 120% of the social minimum", 0, 1, "derived", "poverty_debt.csv (Leidse regio "
    "2022)", "1 - 0.778 (published share above 120%); a calibration target of the income model, "
    "not an input")
add("population.problematic_debt_share", STOCK, "share of households with problematic debt", 0,
    1, "assumption", "poverty_debt.csv (Leiden 2022, assumption row)")

with open(os.path.join(HERE, "parameters.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["name", "value", "unit", "min", "max", "quality", "source",
                                      "note"], lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(f"wrote {len(rows)} parameters to {os.path.join(HERE, 'parameters.csv')}")
