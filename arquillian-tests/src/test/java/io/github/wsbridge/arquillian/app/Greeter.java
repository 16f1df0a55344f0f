package io.github.wsbridge.arquillian.app;

import jakarta.enterprise.context.ApplicationScoped;

/** A CDI bean that listeners look up, as application code does. */
@ApplicationScoped
public class Greeter {

    public String greet(String name) {
        return "hello " + name;
    }
}
