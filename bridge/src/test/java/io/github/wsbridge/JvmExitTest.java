package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No JVM is kept alive by the bridge's own threads: a program that used a socket exits when main returns. */
class JvmExitTest {

    /** The forked program: open, echo, close, return from main. Prints the close event. */
    public static void main(String[] args) throws InterruptedException {
        Recorder.Pair p = Recorder.open(args[0]);
        p.rec.expectOpen();
        p.ws.send("bye");
        p.rec.expectText();
        p.ws.close(1000);
        System.out.println(p.rec.expectClose());
        System.out.flush();
    }

    @Test
    void aProgramThatUsedASocketExitsWhenMainReturns() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        File log = File.createTempFile("jvm-exit", ".log");
        log.deleteOnExit();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dwsbridge.test.client=" + Clients.name(), JvmExitTest.class.getName(), Servers.wpt("/echo"))
                .redirectErrorStream(true).redirectOutput(log).start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log.toPath());
        if (!Clients.capabilities().contains(io.github.wsbridge.spi.Capability.SHUTDOWN)) {
            // Container limitation, for a provider without SHUTDOWN (Jetty's client): its threads are not daemons and
            // its container must be stopped (LifeCycle.stop) for the JVM to exit. The bridge's own threads are daemons.
            assertFalse(exited, Clients.name() + "'s container keeps the JVM alive until stopped: " + output);
            assertTrue(output.contains("code=1000"), output);
            return;
        }
        assertTrue(exited, "the JVM did not exit within 30 s: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("code=1000"), output);
    }
}
