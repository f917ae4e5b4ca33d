package org.charybdis.cql.syntax;

import java.util.List;

/** {@code CREATE [OR REPLACE] FUNCTION [IF NOT EXISTS] f (arg type, ...) (CALLED|RETURNS NULL) ON NULL INPUT RETURNS type LANGUAGE lang AS 'body'}. */
public record CreateFunctionStatement(QualifiedName function, boolean orReplace, boolean ifNotExists, List<FieldDefinition> arguments,
        boolean calledOnNullInput, RawType returnType, String language, String body) implements SchemaStatement {
    public CreateFunctionStatement {
        arguments = List.copyOf(arguments);
    }
}
