package io.github.sparkwheel.python;

/**
 * A user name and password for a package index, from a {@code <server>} of Maven's settings.xml
 * (already decrypted). They reach pip only through its environment, never its command line.
 */
public final class Credentials {

    private final String username;
    private final String password;
    private final String source;

    /**
     * @param username may be {@code null} for a token-only server (the token is then the URL's user part)
     * @param source where they come from, for messages ({@code <server> corp-pypi})
     */
    public Credentials(String username, String password, String source) {
        this.username = username == null || username.isEmpty() ? null : username;
        this.password = password == null || password.isEmpty() ? null : password;
        this.source = source;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() { // never the password
        return source;
    }
}
