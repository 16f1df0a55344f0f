package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
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
    }

    @Test
    void aProgramThatUsedASocketExitsWhenMainReturns() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dwsbridge.test.client=" + Clients.name(), JvmExitTest.class.getName(), Servers.wpt("/echo"))
                .redirectErrorStream(true).start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited, "the JVM did not exit within 30 s: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("code=1000"), output);
    }
}
