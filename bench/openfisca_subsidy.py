"""The tiered subsidy as a minimal OpenFisca tax-benefit system, run over a CSV of projects.

湖北 2017, 光伏扶贫以奖代补: 项目总投资的20% (深度贫困县), 10% (贫困县), 5% (非贫困县).

    python openfisca_subsidy.py rows.csv out.npy

Reads `县类别,项目总投资` rows (项目总投资 in 万元, as zhengce's facts declare it), computes
`subsidy` for every row in one vectorised simulation, and saves the subsidies (元, as OpenFisca
stores them: float32) to `out.npy`. Phase timings go to standard error; the total is summed by
`compare_totals.py`, which also computes the exact total.
"""

import csv
import sys
import time

started = time.perf_counter()

import numpy as np  # noqa: E402
from openfisca_core.entities import build_entity  # noqa: E402
from openfisca_core.indexed_enums import Enum  # noqa: E402
from openfisca_core.periods import DateUnit  # noqa: E402
from openfisca_core.simulations import SimulationBuilder  # noqa: E402
from openfisca_core.taxbenefitsystems import TaxBenefitSystem  # noqa: E402
from openfisca_core.variables import Variable  # noqa: E402

Project = build_entity(
    key="project",
    plural="projects",
    label="光伏扶贫项目",
    is_person=True,
)


class CountyType(Enum):
    deep = "深度贫困县"
    poor = "贫困县"
    non_poor = "非贫困县"


class county_type(Variable):
    value_type = Enum
    possible_values = CountyType
    default_value = CountyType.non_poor
    entity = Project
    definition_period = DateUnit.YEAR
    label = "县类别"


class investment(Variable):
    value_type = float
    entity = Project
    definition_period = DateUnit.YEAR
    label = "项目总投资 (元)"


class subsidy(Variable):
    value_type = float
    entity = Project
    definition_period = DateUnit.YEAR
    label = "光伏扶贫以奖代补 (元)"

    def formula(project, period):
        county = project("county_type", period)
        invest = project("investment", period)
        rate = np.select(
            [county == CountyType.deep, county == CountyType.poor],
            [0.20, 0.10],
            0.05,
        )
        return invest * rate


class SubsidySystem(TaxBenefitSystem):
    def __init__(self):
        super().__init__([Project])
        for variable in (county_type, investment, subsidy):
            self.add_variable(variable)


def main():
    rows_path, out_path = sys.argv[1], sys.argv[2]
    system = SubsidySystem()
    set_up = time.perf_counter()

    names = {"深度贫困县": "deep", "贫困县": "poor", "非贫困县": "non_poor"}
    counties, investments = [], []
    with open(rows_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for county, amount in reader:
            counties.append(names[county])
            investments.append(float(amount) * 10_000)  # 万元 → 元
    read = time.perf_counter()

    period = "2018"
    simulation = SimulationBuilder().build_default_simulation(system, len(counties))
    simulation.set_input("county_type", period, np.array(counties))
    simulation.set_input("investment", period, np.array(investments))
    result = simulation.calculate("subsidy", period)
    computed = time.perf_counter()

    np.save(out_path, result)
    print(
        f"openfisca: imports+system {set_up - started:.2f} s, read CSV {read - set_up:.2f} s, "
        f"simulate {computed - read:.2f} s; {len(result)} rows, dtype {result.dtype}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
