package org.charybdis.server.cql.udf;

import java.util.Set;

/**
 * Which classes a Java UDF may use: the boxes, strings, Math and the common exceptions of {@code java.lang},
 * the collections of {@code java.util} (not its subpackages: no concurrency, streams or logging),
 * {@code java.math}, {@code ByteBuffer}, {@code InetAddress} and the UDF context's classes. Everything else (files, network, threads, reflection, the
 * runtime, {@code System}) does not exist for a UDF: the compiler cannot resolve it, and the bytecode check
 * refuses it again.
 */
final class UdfClassPolicy {
    private UdfClassPolicy() {}

    private static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "CharSequence", "Comparable", "Iterable", "AutoCloseable", "Number", "Math", "StrictMath",
            "Integer", "Long", "Short", "Byte", "Boolean", "Double", "Float", "Character", "Void", "StringBuilder",
            "AbstractStringBuilder", "Enum", "Record", "Class", "Override", "Deprecated", "SuppressWarnings", "SafeVarargs",
            "Throwable", "Exception", "RuntimeException", "Error", "ArithmeticException", "ArrayIndexOutOfBoundsException",
            "ArrayStoreException", "ClassCastException", "IllegalArgumentException", "IllegalStateException",
            "IndexOutOfBoundsException", "NegativeArraySizeException", "NullPointerException", "NumberFormatException",
            "StringIndexOutOfBoundsException", "UnsupportedOperationException", "CloneNotSupportedException", "Cloneable");

    /** Named by the signatures of allowed classes ({@code Class.forName}, {@code Object.wait}): the compiler must see them, the bytecode may not use them. */
    private static final Set<String> COMPILE_ONLY = Set.of("java/lang/ClassNotFoundException",
            "java/lang/ReflectiveOperationException", "java/lang/InterruptedException", "java/lang/ClassLoader", "java/lang/Module",
            "java/net/UnknownHostException", "java/io/IOException");

    private static final Set<String> JAVA_UTIL_REFUSED = Set.of(
            "Timer", "TimerTask", "ServiceLoader", "Scanner", "ResourceBundle", "PropertyResourceBundle",
            "ListResourceBundle", "Properties", "PropertyPermission", "Formatter", "EventListenerProxy");

    private static final Set<String> JAVA_NIO = Set.of("ByteBuffer", "Buffer", "ByteOrder");

    /** The {@code inet} values: {@link UdfBytecodeVerifier} refuses their methods that resolve names or reach the network. */
    private static final Set<String> JAVA_NET = Set.of("InetAddress", "Inet4Address", "Inet6Address");

    /** UDFContext, UDTValue, TupleValue, LocalDate, Duration: what Cassandra's UDFs see of their context and values. */
    private static final String CONTEXT_PACKAGE = org.charybdis.server.cql.udf.context.UDFContext.class.getPackageName().replace('.', '/');

    /** @param internalName a class's binary name with slashes: {@code java/util/List}, {@code java/util/Map$Entry} */
    static boolean allows(String internalName) {
        if (internalName.startsWith("[")) return true; // arrays: their element type is checked where it is named
        if (internalName.equals(UdfBody.class.getName().replace('.', '/'))) return true;
        if (internalName.equals(UdfLimits.class.getName().replace('.', '/'))) return true;
        if (internalName.startsWith(CONTEXT_PACKAGE + "/") && internalName.indexOf('/', CONTEXT_PACKAGE.length() + 1) < 0) return true;
        if (internalName.startsWith(JavaUdfCompiler.PACKAGE.replace('.', '/') + "/")) return true; // the UDF's own class
        int slash = internalName.lastIndexOf('/');
        if (slash < 0) return false;
        String pkg = internalName.substring(0, slash);
        String simple = internalName.substring(slash + 1);
        String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        return switch (pkg) {
            case "java/lang" -> JAVA_LANG.contains(outer);
            case "java/util" -> !JAVA_UTIL_REFUSED.contains(outer);
            case "java/math" -> true;
            case "java/nio" -> JAVA_NIO.contains(outer);
            case "java/net" -> JAVA_NET.contains(outer);
            default -> false;
        };
    }

    /** Whether the compiler may resolve {@code internalName}: what {@link #allows} allows, and a few names signatures need. */
    static boolean compilerSees(String internalName) {
        return allows(internalName) || COMPILE_ONLY.contains(internalName);
    }

    /**
     * Whether {@code packageName} (with slashes) is to be treated as a package while compiling: any lower-case
     * name under the usual roots, so that {@code java.io.File} is reported as a type that cannot be resolved.
     */
    static boolean isPackage(String packageName) {
        String root = packageName.contains("/") ? packageName.substring(0, packageName.indexOf('/')) : packageName;
        if (!Set.of("java", "javax", "jdk", "sun", "com", "org").contains(root)) return false;
        for (String segment : packageName.split("/")) {
            if (segment.isEmpty() || !Character.isLowerCase(segment.charAt(0))) return false;
        }
        return true;
    }
}
