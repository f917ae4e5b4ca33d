package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code describecluster}: name, partitioner, schema versions and nodes, in nodetool's layout (one node). */
@Command(name = "describecluster", description = "Name, partitioner, schema versions and nodes of the cluster, like nodetool describecluster.")
final class DescribeClusterCommand extends AdminCommand.Route {
    @Override
    String path() { return "/storage_service/cluster_name"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        ObjectNode facts = JsonNodeFactory.instance.objectNode();
        facts.set("name", client.get(path()));
        facts.set("snitch", client.get("/snitch/name"));
        facts.set("partitioner", client.get("/storage_service/partitioner_name"));
        facts.set("schema_versions", client.get("/storage_proxy/schema_versions"));
        facts.set("release_version", client.get("/storage_service/release_version"));
        facts.set("status", client.get("/status"));
        return facts;
    }

    @Override
    void print(JsonNode facts, PrintStream out) {
        JsonNode status = facts.path("status");
        String address = status.path("address").asText();
        boolean up = status.path("status").asText().equals("UP");
        out.println("Cluster Information:");
        out.println("\tName: " + facts.path("name").asText());
        out.println("\tSnitch: " + facts.path("snitch").asText());
        out.println("\tDynamicEndPointSnitch: disabled");
        out.println("\tPartitioner: " + facts.path("partitioner").asText());
        out.println("\tSchema versions:");
        for (JsonNode version : facts.path("schema_versions")) {
            List<String> nodes = new ArrayList<>();
            version.path("value").forEach(node -> nodes.add(node.asText()));
            out.println("\t\t" + version.path("key").asText() + ": [" + String.join(", ", nodes) + "]");
        }
        out.println();
        out.println("Stats for all nodes:");
        out.println("\tLive: " + (up ? 1 : 0));
        out.println("\tJoining: 0");
        out.println("\tMoving: 0");
        out.println("\tLeaving: 0");
        out.println("\tUnreachable: " + (up ? 0 : 1));
        out.println();
        out.println("Data Centers: ");
        out.println("\t" + status.path("datacenter").asText() + " #Nodes: 1 #Down: " + (up ? 0 : 1));
        out.println();
        out.println("Database versions:");
        out.println("\t" + facts.path("release_version").asText() + ": [" + address + "]");
    }
}
