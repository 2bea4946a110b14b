package dev.continuum.pipeline.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainPlanTest {

    private static final String LINE = """
            {%s"components": [
              {"name": "src", "type": "source"},
              {"name": "filter", "type": "filter"%s},
              {"name": "window", "type": "window"%s},
              {"name": "aggregate", "type": "aggregate"%s},
              {"name": "sink", "type": "sink"}],
             "wires": [{"emitter": "src", "receiver": "filter"}, {"emitter": "filter", "receiver": "window"},
                       {"emitter": "window", "receiver": "aggregate"}, {"emitter": "aggregate", "receiver": "sink"}]}""";

    private static List<List<String>> plan(String json, Set<String> alone) throws GraphException {
        return ChainPlan.plan(GraphSpec.parse(json), alone::contains, "src"::equals);
    }

    private static List<List<String>> line(String root, String filter, String window, String aggregate)
            throws GraphException {
        return plan(LINE.formatted(root, filter, window, aggregate), Set.of());
    }

    @Test
    void aLinearRunAfterTheSourceSharesOneThread() throws Exception {
        assertThat(line("", "", "", "")).containsExactly(List.of("src"), List.of("filter", "window", "aggregate", "sink"));
    }

    @Test
    void chainingOffGivesEveryComponentItsOwnThread() throws Exception {
        assertThat(line("\"chaining\": false, ", "", "", "")).containsExactly(List.of("src"), List.of("filter"),
                List.of("window"), List.of("aggregate"), List.of("sink"));
    }

    @Test
    void aComponentThatSaysChainFalseRunsAlone() throws Exception {
        assertThat(line("", "", ", \"chain\": false", "")).containsExactly(List.of("src"), List.of("filter"),
                List.of("window"), List.of("aggregate", "sink"));
    }

    @Test
    void aDropOldestQueueIsKeptAsABoundary() throws Exception {
        assertThat(line("", "", "", ", \"overflow\": \"DROP_OLDEST\"")).containsExactly(List.of("src"),
                List.of("filter", "window"), List.of("aggregate", "sink"));
    }

    @Test
    void aComponentWhoseFactoryAsksForItsOwnThreadOrThatWaitsIsABoundaryOnBothSides() throws Exception {
        assertThat(plan(LINE.formatted("", "", "", ""), Set.of("window"))).containsExactly(List.of("src"),
                List.of("filter"), List.of("window"), List.of("aggregate", "sink"));
    }

    @Test
    void aComponentThatMayRunOnSourceThreadsJoinsTheSourcesChainAndEndsIt() throws Exception {
        String json = LINE.formatted("", "", "", "");
        assertThat(ChainPlan.plan(GraphSpec.parse(json), Set.of("filter")::contains, "src"::equals,
                "filter"::equals)).containsExactly(List.of("src", "filter"), List.of("window", "aggregate", "sink"));
        assertThat(ChainPlan.plan(GraphSpec.parse(LINE.formatted("", ", \"chain\": false", "", "")),
                Set.of("filter")::contains, "src"::equals, "filter"::equals))
                .as("chain: false keeps it on its own thread").containsExactly(List.of("src"), List.of("filter"),
                        List.of("window", "aggregate", "sink"));
    }

    @Test
    void fanOutAndFanInKeepTheirQueues() throws Exception {
        assertThat(plan("""
                {"components": [{"name": "src", "type": "source"}, {"name": "a", "type": "t"}, {"name": "b", "type": "t"},
                  {"name": "c", "type": "t"}, {"name": "d", "type": "t"}, {"name": "e", "type": "t"}],
                 "wires": [{"emitter": "src", "receiver": "a"}, {"emitter": "a", "receiver": "b"},
                   {"emitter": "a", "receiver": "c"}, {"emitter": "b", "receiver": "d"}, {"emitter": "c", "receiver": "d"},
                   {"emitter": "d", "receiver": "e"}]}""", Set.of()))
                .containsExactly(List.of("src"), List.of("a"), List.of("b"), List.of("c"), List.of("d", "e"));
    }

    @Test
    void aChainingFlagThatIsNotABooleanIsRefusedNamingIt() {
        assertThatThrownBy(() -> line("\"chaining\": \"yes\", ", "", "", ""))
                .hasMessage("the graph: 'chaining' must be true or false, got \"yes\"");
        assertThatThrownBy(() -> line("", ", \"chain\": 1", "", ""))
                .hasMessage("component 'filter': 'chain' must be true or false, got 1");
    }
}
