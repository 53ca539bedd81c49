//SOURCES support/CliRun.java
//SOURCES ../scripts/ListLibs.java ../scripts/ScrapeLib.java ../scripts/Consolidate.java ../scripts/RestoreCaches.java
//SOURCES ../scripts/DbRelease.java ../scripts/Search.java

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every script answers --help and -h with its usage and exit 0 (no option may shadow them). */
class ScriptsHelpTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ListLibs", "ScrapeLib", "Consolidate", "RestoreCaches", "DbRelease", "Search"})
    void helpPrintsUsage(String script) throws Exception {
        for (String flag : new String[] {"--help", "-h"}) {
            Object command = Class.forName(script).getDeclaredConstructor().newInstance();
            CliRun run = CliRun.run(command, flag);
            assertEquals(0, run.exitCode(), script + " " + flag + ": " + run);
            assertTrue(run.stdout().startsWith("Usage: " + script), run.stdout());
            assertTrue(run.stdout().contains("--log-format"), "every script takes the logging options");
        }
    }
}
