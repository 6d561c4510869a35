package io.github.sparkwheel.it;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a JUnit XML report for the ITs' verify scripts (the invoker's Groovy has no XmlSlurper): the first
 * {@code <testsuite>}, whether it is the root or inside {@code <testsuites>}.
 */
public final class JUnitXml {

    private JUnitXml() {}

    /**
     * {@code root} (the root element's name), {@code name}, {@code tests}, {@code failures}, {@code errors},
     * {@code skipped} (as numbers; a missing count is 0) and {@code cases}: per {@code <testcase>} its
     * {@code classname}, {@code name}, {@code outcome} (passed, failure, error, skipped), {@code message}, {@code text}.
     */
    public static Map<String, Object> suite(File file) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).getDocumentElement();
        Element suite = root.getTagName().equals("testsuite") ? root
                : (Element) root.getElementsByTagName("testsuite").item(0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("root", root.getTagName());
        result.put("name", suite.getAttribute("name"));
        for (String count : List.of("tests", "failures", "errors", "skipped")) {
            String value = suite.getAttribute(count);
            result.put(count, value.isEmpty() ? 0 : Integer.parseInt(value));
        }
        List<Map<String, String>> cases = new ArrayList<>();
        NodeList testcases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            Map<String, String> c = new LinkedHashMap<>();
            c.put("classname", testcase.getAttribute("classname"));
            c.put("name", testcase.getAttribute("name"));
            c.put("outcome", "passed");
            for (Node n = testcase.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element && List.of("failure", "error", "skipped").contains(((Element) n).getTagName())) {
                    c.put("outcome", ((Element) n).getTagName());
                    c.put("message", ((Element) n).getAttribute("message"));
                    c.put("text", n.getTextContent());
                }
            }
            cases.add(c);
        }
        result.put("cases", cases);
        return result;
    }
}
