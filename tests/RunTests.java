///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//SOURCES ../shared/deadzone/util/Hashes.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES ../tools/rehearsal/NodeToolkit.java
//SOURCES support/NodeTooling.java support/Project.java support/TestMain.java
//SOURCES *Test.java
//RUNTIME_OPTIONS -Xmx2g

import support.TestMain;

/**
 * The test suite: {@code ./jbang tests/RunTests.java [CLASS_REGEX...]}. Every {@code tests/*Test.java}
 * is compiled in and run; the last line is {@code N passed, N failed, N skipped}.
 */
public class RunTests {
    public static void main(String... args) throws Exception {
        TestMain.main(RunTests.class, args);
    }
}
