package io.github.wsbridge.example.bot;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives the {@link ChatBot} its default upstream ({@link BotUpstream}): the configured URL when the application starts,
 * or else the application's own chat URL from the first request (no portable API tells a web application its port
 * before that).
 *
 * <p>Thread-safe: request listeners run on every request thread; {@code known} makes all but the first few return at
 * once, and the bot takes the first URL offered.
 */
@WebListener
public class BotWiring implements ServletContextListener, ServletRequestListener {

    @Inject
    ChatBot bot;

    private final AtomicBoolean known = new AtomicBoolean();

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        BotUpstream.configured(System::getProperty, System::getenv, sce.getServletContext()::getInitParameter)
                .ifPresent(url -> {
                    bot.offerDefaultUrl(url);
                    known.set(true);
                });
    }

    @Override
    public void requestInitialized(ServletRequestEvent sre) {
        if (known.get()) {
            return;
        }
        ServletRequest request = sre.getServletRequest();
        if (request instanceof HttpServletRequest http) {
            bot.offerDefaultUrl(BotUpstream.selfUrl(http.isSecure(), http.getLocalAddr(), http.getLocalPort(),
                    http.getContextPath()));
            known.set(true);
        }
    }
}
