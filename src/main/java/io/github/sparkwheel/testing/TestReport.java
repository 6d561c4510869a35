package io.github.sparkwheel.testing;

import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The outcome of a test run, read from its JUnit XML report ({@code <testsuite>} or {@code <testsuites>}, of pytest
 * or of the unittest runner): the counts Surefire prints and the tests that did not pass.
 */
public final class TestReport {

    private final Path file;
    private final int run;
    private final List<String> failures;
    private final List<String> errors;
    private final int skipped;

    private TestReport(Path file, int run, List<String> failures, List<String> errors, int skipped) {
        this.file = file;
        this.run = run;
        this.failures = List.copyOf(failures);
        this.errors = List.copyOf(errors);
        this.skipped = skipped;
    }

    /**
     * Loads the XML parser on a daemon thread while the tests run, so that reading their report after them does not
     * wait for the JDK to load and set it up (~50 ms in a fresh JVM).
     */
    static void loadParserMeanwhile() {
        Thread thread = new Thread(() -> {
            try {
                parser().parse(new InputSource(new StringReader("<testsuite><testcase/></testsuite>")));
            } catch (ParserConfigurationException | SAXException | IOException | RuntimeException e) {
                // read() sets the parser up itself and says what fails
            }
        }, "pyspark-xml-parser");
        thread.setDaemon(true);
        thread.start();
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }

    /** Reads a JUnit XML report: every {@code <testcase>}, and the {@code <failure>}, {@code <error>}, {@code <skipped>} in it. */
    public static TestReport read(Path file) throws UserError, IOException {
        NodeList cases;
        try {
            cases = parser().parse(file.toFile()).getElementsByTagName("testcase");
        } catch (ParserConfigurationException | SAXException e) {
            throw new UserError("The test runner's report " + file + " is no JUnit XML: " + e.getMessage(), e);
        }
        List<String> failures = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            String name = name(testcase);
            Element failure = child(testcase, "failure");
            Element error = child(testcase, "error");
            if (failure != null) {
                failures.add(name + describe(failure));
            } else if (error != null) {
                errors.add(name + describe(error));
            } else if (child(testcase, "skipped") != null) {
                skipped++;
            }
        }
        return new TestReport(file, cases.getLength(), failures, errors, skipped);
    }

    /**
     * Writes the report of a run that was stopped at its timeout, which the runner could not write: one test in error,
     * the one that was running (a pytest node id or a unittest id), or the suite itself when the runner did not say.
     * CI servers then show the hang where they show test results.
     */
    public static TestReport writeTimedOut(Path file, String suiteName, String running, Duration timeout)
            throws IOException {
        String classname;
        String name;
        if (running == null) {
            classname = suiteName;
            name = "(the test run)";
        } else if (running.contains("::")) { // pytest: path/test_mod.py::Class::test, named as its junitxml does
            String[] parts = running.split("::");
            StringBuilder cls = new StringBuilder(parts[0].replaceFirst("\\.py$", "").replace('/', '.'));
            for (int i = 1; i < parts.length - 1; i++) {
                cls.append('.').append(parts[i]);
            }
            classname = cls.toString();
            name = parts[parts.length - 1];
        } else { // unittest: package.module.Class.test
            int dot = running.lastIndexOf('.');
            classname = dot < 0 ? "" : running.substring(0, dot);
            name = running.substring(dot + 1);
        }
        String message = "Stopped after " + timeout.toSeconds() + " s (<testTimeout>, -Dpyspark.test.timeout)"
                + (running == null ? "" : ": this test was running");
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suite = doc.createElement("testsuite");
            suite.setAttribute("name", suiteName);
            suite.setAttribute("tests", "1");
            suite.setAttribute("failures", "0");
            suite.setAttribute("errors", "1");
            suite.setAttribute("skipped", "0");
            Element testcase = doc.createElement("testcase");
            testcase.setAttribute("classname", classname);
            testcase.setAttribute("name", name);
            Element error = doc.createElement("error");
            error.setAttribute("type", "timeout");
            error.setAttribute("message", message);
            testcase.appendChild(error);
            suite.appendChild(testcase);
            doc.appendChild(suite);
            Files.createDirectories(file.getParent());
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(file.toFile()));
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("Cannot write the test report " + file + ": " + e.getMessage(), e);
        }
        List<String> errors = List.of((classname.isEmpty() ? "" : classname + ".") + name + ": " + message);
        return new TestReport(file, 1, List.of(), errors, 0);
    }

    /** {@code classname.name}, as Surefire names a test. */
    private static String name(Element testcase) {
        String classname = testcase.getAttribute("classname");
        return (classname.isEmpty() ? "" : classname + ".") + testcase.getAttribute("name");
    }

    private static String describe(Element outcome) {
        String message = outcome.getAttribute("message");
        if (message.isBlank()) {
            message = outcome.getTextContent() == null ? "" : outcome.getTextContent().strip();
            message = message.isEmpty() ? "" : message.lines().reduce((a, b) -> b).orElse("");
        }
        message = message.lines().findFirst().orElse("").strip();
        return message.isEmpty() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
                return (Element) n;
            }
        }
        return null;
    }

    public Path file() {
        return file;
    }

    public int run() {
        return run;
    }

    public List<String> failures() {
        return failures;
    }

    public List<String> errors() {
        return errors;
    }

    public int skipped() {
        return skipped;
    }

    public boolean passed() {
        return failures.isEmpty() && errors.isEmpty();
    }

    /** Surefire's summary line: {@code Tests run: 3, Failures: 1, Errors: 0, Skipped: 0}. */
    public String summary() {
        return "Tests run: " + run + ", Failures: " + failures.size() + ", Errors: " + errors.size() + ", Skipped: " + skipped;
    }

    /** What the build says when a test did not pass: the summary, each test by name, and where the report is. */
    public String failureMessage() {
        StringBuilder sb = new StringBuilder("There are Python test failures (").append(summary()).append(")");
        String nl = System.lineSeparator();
        if (!failures.isEmpty()) {
            sb.append(nl).append("Failed tests:");
            failures.forEach(f -> sb.append(nl).append("  ").append(f));
        }
        if (!errors.isEmpty()) {
            sb.append(nl).append("Tests in error:");
            errors.forEach(e -> sb.append(nl).append("  ").append(e));
        }
        return sb.append(nl).append("Their output and tracebacks are above and in ").append(file)
                .append("; -Dmaven.test.failure.ignore=true lets the build go on").toString();
    }
}
