//SOURCES support/CliRun.java support/Project.java
//SOURCES ../scripts/ListLibs.java

import org.junit.jupiter.api.Test;
import support.CliRun;
import support.Project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListLibsTest {
    @Test
    void headRegistryFailsOnFirstGodocEntry() {
        CliRun run = CliRun.run(new ListLibs(), "--config",
            Project.reference().resolve("libraries_sources.head.yaml").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.stdout());
        assertEquals(1, run.errorLines().lines().count(), run.toString());
        assertTrue(run.errorLines().contains("entry 48 (/golang/go/archive/tar)"), run.toString());
        assertTrue(run.errorLines().contains("godoc"), run.toString());
        assertTrue(run.errorLines().contains("github-md, github-rst, html, scrape-via-agent"), run.toString());
    }
}
