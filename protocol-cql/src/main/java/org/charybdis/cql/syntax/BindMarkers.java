package org.charybdis.cql.syntax;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/** Numbers the bind markers of one statement in order of appearance, before the AST is built. */
final class BindMarkers {
    private final Map<Cql.BindMarkerContext, Term.BindMarker> byNode = new IdentityHashMap<>();
    private final List<Cql.BindMarkerContext> nodes = new ArrayList<>();
    private final List<Term.BindMarker> inOrder = new ArrayList<>();

    /** Collects the markers of the tree in source order (a depth-first walk visits children left to right). */
    static BindMarkers collect(ParseTree root) {
        BindMarkers markers = new BindMarkers();
        markers.walk(root);
        return markers;
    }

    private void walk(ParseTree node) {
        if (node instanceof Cql.BindMarkerContext marker) {
            String name = marker.ident() == null ? null : Names.text(marker.ident());
            Term.BindMarker bound = new Term.BindMarker(inOrder.size(), name);
            byNode.put(marker, bound);
            nodes.add(marker);
            inOrder.add(bound);
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            walk(node.getChild(i));
        }
    }

    Term.BindMarker get(Cql.BindMarkerContext node) {
        return byNode.get(node);
    }

    List<Term.BindMarker> all() {
        return inOrder;
    }

    boolean isEmpty() {
        return inOrder.isEmpty();
    }

    Cql.BindMarkerContext firstNode() {
        return nodes.getFirst();
    }

    /** The markers inside one subtree, e.g. one statement of a BATCH. */
    List<Term.BindMarker> within(ParserRuleContext subtree) {
        int from = subtree.getStart().getTokenIndex();
        int to = subtree.getStop().getTokenIndex();
        List<Term.BindMarker> inside = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int at = nodes.get(i).getStart().getTokenIndex();
            if (at >= from && at <= to) {
                inside.add(inOrder.get(i));
            }
        }
        return inside;
    }
}
