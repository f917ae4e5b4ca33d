package org.charybdis.server.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Grafana dashboard JSON file as the tests see it: its title, its panels (those inside rows too) with the PromQL of
 * their targets, and its template variables.
 */
public record GrafanaDashboard(Path file, String title, List<Panel> panels, List<Variable> variables) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grafana's {@code label_values([selector,] label)}: the selector is PromQL, the label is not a metric. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*\\w+\\s*\\)\\s*$", Pattern.DOTALL);

    /** A panel and the {@code expr} of each of its targets. */
    public record Panel(int id, String type, String title, List<String> exprs) {}

    /** A template variable; {@code selector} is the PromQL of a query variable's values ("" for other types). */
    public record Variable(String name, String type, String selector) {}

    /** Every {@code *.json} dashboard in {@code directory}, by file name. */
    public static List<GrafanaDashboard> readAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(GrafanaDashboard::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list dashboards in " + directory, e);
        }
    }

    public static GrafanaDashboard read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        List<Panel> panels = new ArrayList<>();
        collectPanels(root.path("panels"), panels);
        List<Variable> variables = new ArrayList<>();
        for (JsonNode variable : root.path("templating").path("list")) {
            String type = variable.path("type").asText();
            String selector = type.equals("query") ? selector(queryText(variable.path("query"))) : "";
            variables.add(new Variable(variable.path("name").asText(), type, selector));
        }
        return new GrafanaDashboard(file, root.path("title").asText(""), panels, variables);
    }

    /** "overview.json 'Charybdis / Overview'", for messages. */
    public String name() {
        return file.getFileName() + " '" + title + "'";
    }

    private static void collectPanels(JsonNode nodes, List<Panel> into) {
        for (JsonNode node : nodes) {
            List<String> exprs = new ArrayList<>();
            for (JsonNode target : node.path("targets")) {
                if (target.hasNonNull("expr")) exprs.add(target.get("expr").asText());
            }
            into.add(new Panel(node.path("id").asInt(-1), node.path("type").asText(), node.path("title").asText(""), exprs));
            collectPanels(node.path("panels"), into); // a row's panels
        }
    }

    /** A variable's query is a string, or (newer Grafana) an object holding it. */
    private static String queryText(JsonNode query) {
        return query.isObject() ? query.path("query").asText() : query.asText();
    }

    private static String selector(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (!labelValues.matches()) return query;
        return labelValues.group(1) == null ? "" : labelValues.group(1); // label_values(label): no metric
    }
}
