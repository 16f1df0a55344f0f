package io.github.wsbridge.arquillian.probe;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * {@code GET /threads}: the names of every live thread of the server's JVM, one per line. Deployed alone (without the
 * bridge) next to the application under test, so that it can report on the server after that application is gone.
 */
@WebServlet("/threads")
public class ThreadsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).sorted().collect(Collectors.joining("\n")));
    }
}
