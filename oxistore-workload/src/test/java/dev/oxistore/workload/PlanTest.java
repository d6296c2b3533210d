package dev.oxistore.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlanTest {

    @ParameterizedTest
    @EnumSource(Workload.class)
    void theMixMatchesTheWorkloadAndRecordsExist(Workload w) {
        int n = 20_000;
        Plan plan = Plan.generate(w, w.defaultDistribution(), 1000, n, 9);
        Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
        long inserted = 1000;
        for (int i = 0; i < n; i++) {
            Operation op = plan.op(i);
            counts.merge(op, 1, Integer::sum);
            if (op == Operation.INSERT) {
                assertThat(plan.record(i)).as("inserts take the next record number").isEqualTo(inserted++);
            } else {
                assertThat(plan.record(i)).as("op %d touches an existing record", i).isBetween(0, (int) inserted - 1);
            }
            if (op == Operation.SCAN) {
                assertThat(plan.scanLength(i)).isBetween(1, Workload.MAX_SCAN_LENGTH);
            } else {
                assertThat(plan.scanLength(i)).isZero();
            }
        }
        for (Operation op : Operation.values()) {
            double share = counts.getOrDefault(op, 0) / (double) n;
            assertThat(share).as("%s share of %s", op, w).isCloseTo(w.share(op), org.assertj.core.data.Offset.offset(0.02));
        }
        assertThat(plan.totalRecords()).isEqualTo(inserted);
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        Plan a = Plan.generate(Workload.E, Distribution.ZIPFIAN, 500, 5000, 77);
        Plan b = Plan.generate(Workload.E, Distribution.ZIPFIAN, 500, 5000, 77);
        Plan c = Plan.generate(Workload.E, Distribution.ZIPFIAN, 500, 5000, 78);
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.op(i)).isEqualTo(b.op(i));
            assertThat(a.record(i)).isEqualTo(b.record(i));
            assertThat(a.scanLength(i)).isEqualTo(b.scanLength(i));
            differs |= a.record(i) != c.record(i);
        }
        assertThat(differs).as("another seed, another plan").isTrue();
    }

    @Test
    void readLatestReadsRecentInsertsMost() {
        Plan plan = Plan.generate(Workload.D, Distribution.LATEST, 10_000, 20_000, 1);
        long recent = 0;
        long reads = 0;
        long inserted = 10_000;
        for (int i = 0; i < plan.size(); i++) {
            if (plan.op(i) == Operation.INSERT) {
                inserted++;
            } else {
                reads++;
                if (plan.record(i) >= inserted - 100) {
                    recent++;
                }
            }
        }
        assertThat((double) recent / reads).as("reads of the newest 100 of >10,000 records").isGreaterThan(0.3);
    }

    @Test
    void workloadDescriptionsNameTheMix() {
        assertThat(Workload.A.describe()).isEqualTo("read 50%, update 50%");
        assertThat(Workload.F.describe()).isEqualTo("read 50%, rmw 50%");
        assertThat(Workload.D.defaultDistribution()).isEqualTo(Distribution.LATEST);
    }

    @Test
    void rejectsPlansThatCannotBeNumbered() {
        assertThatThrownBy(() -> Plan.generate(Workload.A, Distribution.UNIFORM, 0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Plan.generate(Workload.A, Distribution.UNIFORM, Integer.MAX_VALUE, 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
