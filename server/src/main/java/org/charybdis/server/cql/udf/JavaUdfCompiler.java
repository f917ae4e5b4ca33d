package org.charybdis.server.cql.udf;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.cql.udf.context.TupleValue;
import org.charybdis.server.cql.udf.context.UDFContext;
import org.charybdis.server.cql.udf.context.UDTValue;
import org.charybdis.server.schema.UserFunction;
import org.eclipse.jdt.core.compiler.IProblem;
import org.eclipse.jdt.internal.compiler.ClassFile;
import org.eclipse.jdt.internal.compiler.CompilationResult;
import org.eclipse.jdt.internal.compiler.Compiler;
import org.eclipse.jdt.internal.compiler.DefaultErrorHandlingPolicies;
import org.eclipse.jdt.internal.compiler.classfmt.ClassFileReader;
import org.eclipse.jdt.internal.compiler.classfmt.ClassFormatException;
import org.eclipse.jdt.internal.compiler.env.ICompilationUnit;
import org.eclipse.jdt.internal.compiler.env.INameEnvironment;
import org.eclipse.jdt.internal.compiler.env.NameEnvironmentAnswer;
import org.eclipse.jdt.internal.compiler.impl.CompilerOptions;
import org.eclipse.jdt.internal.compiler.problem.DefaultProblemFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles a Java UDF with the Eclipse compiler (it needs no JDK, only the running JRE): the body becomes
 * a private method of a generated {@link UdfBody} class, compiled against a name environment that only knows
 * the classes {@link UdfClassPolicy} allows, then checked and instrumented by {@link UdfBytecodeVerifier} and
 * loaded in a class loader of its own. Errors carry Cassandra's wording and line numbers within the body.
 */
final class JavaUdfCompiler {
    static final String PACKAGE = "org.charybdis.server.cql.udf.generated";
    private static final AtomicLong CLASS_IDS = new AtomicLong();
    /** What Cassandra's generated UDF source imports besides {@code ByteBuffer} and {@code java.util}. */
    private static final List<Class<?>> CONTEXT_IMPORTS = List.of(UDFContext.class, UDTValue.class, TupleValue.class);
    private static final Map<String, String> OPTIONS = Map.of(
            CompilerOptions.OPTION_Source, CompilerOptions.VERSION_11,
            CompilerOptions.OPTION_Compliance, CompilerOptions.VERSION_11,
            CompilerOptions.OPTION_TargetPlatform, CompilerOptions.VERSION_11,
            CompilerOptions.OPTION_LocalVariableAttribute, CompilerOptions.DO_NOT_GENERATE,
            CompilerOptions.OPTION_ReportDeprecation, CompilerOptions.IGNORE);

    private JavaUdfCompiler() {}

    static UdfBody compile(UserFunction function) {
        String className = "Udf" + CLASS_IDS.incrementAndGet();
        Source source = source(function, className);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        StringBuilder errors = new StringBuilder();
        Compiler compiler = new Compiler(new AllowedClasses(), DefaultErrorHandlingPolicies.proceedWithAllProblems(),
                new CompilerOptions(OPTIONS), result -> collect(result, source, classes, errors),
                new DefaultProblemFactory(Locale.ENGLISH));
        compiler.compile(new ICompilationUnit[] {new Unit(className, source.text())});
        if (!errors.isEmpty()) throw new InvalidRequestException("Java source compilation failed:\n" + errors);
        String main = PACKAGE + "." + className;
        Map<String, byte[]> checked = new HashMap<>();
        try {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                checked.put(c.getKey(), UdfBytecodeVerifier.verifyAndInstrument(c.getValue()));
            }
        } catch (UdfBytecodeVerifier.UdfValidationException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        try {
            return (UdfBody) new UdfClassLoader(checked).loadClass(main).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new InvalidRequestException("Could not load the compiled function " + function.keyspace() + "." + function.name() + ": " + e);
        }
    }

    /**
     * What a compiled body depends on: definitions with the same key share one class. ALTER TYPE changes a UDT's
     * fields, not the Java its functions see, so their bodies need no new compilation on the shard that next calls them.
     */
    record Key(List<String> argumentNames, List<String> argumentTypes, String returnType, boolean calledOnNullInput, String body) {
        static Key of(UserFunction function) {
            List<String> types = new ArrayList<>();
            for (CqlType type : function.argumentTypes()) types.add(UdfJavaTypes.javaType(type, false));
            return new Key(function.argumentNames(), types, UdfJavaTypes.javaType(function.returnType(), false),
                    function.calledOnNullInput(), function.body());
        }
    }

    /** The generated class and the line its body starts on. */
    private record Source(String text, int firstBodyLine) {}

    private static Source source(UserFunction function, String className) {
        boolean primitive = !function.calledOnNullInput();
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n");
        s.append("import java.nio.ByteBuffer;\nimport java.util.*;\n");
        for (Class<?> c : CONTEXT_IMPORTS) s.append("import ").append(c.getName()).append(";\n");
        s.append("public final class ").append(className).append(" implements ").append(UdfBody.class.getName()).append(" {\n");
        s.append("public Object execute(UDFContext c, Object[] a) {\nreturn body(");
        for (int i = 0; i < function.argumentTypes().size(); i++) {
            s.append('(').append(UdfJavaTypes.javaType(function.argumentTypes().get(i), false)).append(") a[").append(i).append("], ");
        }
        s.append("c);\n}\n");
        // udfContext is a parameter, not a field: one compiled class serves every shard at once. It comes last,
        // so that the JVM's messages number the arguments as Cassandra's (<parameter2> is the second argument).
        s.append("private ").append(UdfJavaTypes.javaType(function.returnType(), primitive)).append(" body(");
        for (int i = 0; i < function.argumentTypes().size(); i++) {
            s.append(UdfJavaTypes.javaType(function.argumentTypes().get(i), primitive))
                    .append(' ').append(javaName(function.argumentNames().get(i))).append(", ");
        }
        s.append("UDFContext udfContext");
        s.append(") {\n");
        int firstBodyLine = (int) s.chars().filter(c -> c == '\n').count() + 1;
        s.append(function.body()).append("\n}\n}\n");
        return new Source(s.toString(), firstBodyLine);
    }

    /** CQL argument names are identifiers; Java ones may not be keywords, so those are refused plainly. */
    private static String javaName(String cqlName) {
        if (!cqlName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidRequestException("Argument name '" + cqlName + "' is not a valid Java identifier");
        }
        return cqlName;
    }

    private static void collect(CompilationResult result, Source source, Map<String, byte[]> classes, StringBuilder errors) {
        if (result.hasErrors()) {
            for (IProblem problem : result.getErrors()) {
                int line = problem.getSourceLineNumber() - source.firstBodyLine() + 1;
                if (line >= 1) {
                    errors.append("Line ").append(line).append(": ").append(problem.getMessage()).append('\n');
                } else {
                    errors.append("GENERATED SOURCE ERROR: line ").append(problem.getSourceLineNumber())
                            .append(" (in generated source): ").append(problem.getMessage()).append('\n');
                }
            }
            return;
        }
        for (ClassFile file : result.getClassFiles()) {
            classes.put(new String(file.fileName()).replace('/', '.'), file.getBytes());
        }
    }

    private record Unit(String className, String source) implements ICompilationUnit {
        @Override public char[] getContents() { return source.toCharArray(); }
        @Override public char[] getMainTypeName() { return className.toCharArray(); }
        @Override public char[][] getPackageName() {
            String[] parts = PACKAGE.split("\\.");
            char[][] name = new char[parts.length][];
            for (int i = 0; i < parts.length; i++) name[i] = parts[i].toCharArray();
            return name;
        }
        @Override public char[] getFileName() { return (className + ".java").toCharArray(); }
        @Override public boolean ignoreOptionalProblems() { return true; }
    }

    /** The classes a UDF may compile against, read from the running JRE's class files. */
    private static final class AllowedClasses implements INameEnvironment {
        @Override
        public NameEnvironmentAnswer findType(char[][] compoundName) {
            StringBuilder name = new StringBuilder();
            for (char[] part : compoundName) name.append(name.isEmpty() ? "" : "/").append(part);
            return find(name.toString());
        }

        @Override
        public NameEnvironmentAnswer findType(char[] typeName, char[][] packageName) {
            StringBuilder name = new StringBuilder();
            for (char[] part : packageName) name.append(part).append('/');
            return find(name.append(typeName).toString());
        }

        private NameEnvironmentAnswer find(String internalName) {
            if (!UdfClassPolicy.compilerSees(internalName)) return null;
            try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(internalName + ".class")) {
                InputStream stream = in != null ? in : JavaUdfCompiler.class.getClassLoader().getResourceAsStream(internalName + ".class");
                if (stream == null) return null;
                try (stream) {
                    return new NameEnvironmentAnswer(new ClassFileReader(stream.readAllBytes(), internalName.toCharArray()), null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassFormatException e) {
                return null;
            }
        }

        @Override
        public boolean isPackage(char[][] parentPackageName, char[] packageName) {
            StringBuilder name = new StringBuilder();
            if (parentPackageName != null) for (char[] part : parentPackageName) name.append(part).append('/');
            return UdfClassPolicy.isPackage(name.append(packageName).toString());
        }

        @Override
        public void cleanup() {}
    }

    /** Defines a UDF's classes; anything else comes from the server's loader (the verifier let only allowed names through). */
    private static final class UdfClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        UdfClassLoader(Map<String, byte[]> classes) {
            super(JavaUdfCompiler.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) throw new ClassNotFoundException(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
