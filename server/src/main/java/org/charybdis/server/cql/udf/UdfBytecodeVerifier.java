package org.charybdis.server.cql.udf;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a compiled UDF class against {@link UdfClassPolicy} and what Cassandra refuses (synchronized,
 * {@code Object.wait/notify}, reflection through {@code Class}, other classes), and adds the time-limit checks
 * and allocation checks of {@link UdfLimits}. The class file is the last word: whatever the source tried, only what is here runs.
 */
final class UdfBytecodeVerifier {
    private static final String LIMITS = Type.getInternalName(UdfLimits.class);
    private static final Set<String> OBJECT_REFUSED = Set.of("wait", "notify", "notifyAll", "finalize", "clone");
    private static final Set<String> CLASS_ALLOWED = Set.of("getName", "getSimpleName");
    /** What an {@code inet} argument may do: read itself; making addresses (and resolving names) is refused, as in Cassandra. */
    private static final Set<String> INET_ALLOWED = Set.of("getAddress", "getHostAddress", "isAnyLocalAddress",
            "isLoopbackAddress", "isLinkLocalAddress", "isSiteLocalAddress", "isMulticastAddress", "isIPv4CompatibleAddress",
            "equals", "hashCode", "toString");

    private UdfBytecodeVerifier() {}

    /** The class with its time-limit checks; throws {@link UdfValidationException} listing what it may not do. */
    static byte[] verifyAndInstrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        Checker checker = new Checker(writer);
        reader.accept(checker, 0);
        if (!checker.errors.isEmpty()) throw new UdfValidationException("Java UDF validation failed: " + checker.errors);
        return writer.toByteArray();
    }

    /** Thrown when a compiled UDF does what UDFs may not. */
    static final class UdfValidationException extends RuntimeException {
        UdfValidationException(String message) {
            super(message);
        }
    }

    private static final class Checker extends ClassVisitor {
        final Set<String> errors = new TreeSet<>();

        Checker(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            type(superName);
            if (interfaces != null) for (String i : interfaces) type(i);
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            if (!UdfClassPolicy.allows(name)) errors.add("class declared as inner class");
            super.visitInnerClass(name, outerName, innerName, access);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            descriptor(descriptor);
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) errors.add("use of synchronized");
            if (name.equals("finalize")) errors.add("use of finalize"); // would run on the JVM's finalizer thread, without a deadline
            descriptor(descriptor);
            if (exceptions != null) for (String e : exceptions) type(e);
            return new MethodChecker(super.visitMethod(access, name, descriptor, signature, exceptions));
        }

        void type(String internalName) {
            if (internalName == null) return;
            Type t = internalName.startsWith("[") ? Type.getType(internalName).getElementType() : Type.getObjectType(internalName);
            if (t.getSort() == Type.OBJECT && !UdfClassPolicy.allows(t.getInternalName())) {
                errors.add("use of " + t.getClassName());
            }
        }

        void descriptor(String descriptor) {
            Type t = Type.getType(descriptor);
            if (t.getSort() == Type.METHOD) {
                descriptorType(t.getReturnType());
                for (Type arg : t.getArgumentTypes()) descriptorType(arg);
            } else {
                descriptorType(t);
            }
        }

        private void descriptorType(Type t) {
            Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
            if (element.getSort() == Type.OBJECT) type(element.getInternalName());
        }

        private final class MethodChecker extends MethodVisitor {
            private final Set<Label> visited = new HashSet<>();

            MethodChecker(MethodVisitor next) {
                super(Opcodes.ASM9, next);
            }

            @Override
            public void visitCode() {
                super.visitCode();
                limitsCheck(); // recursion passes here
            }

            @Override
            public void visitLabel(Label label) {
                visited.add(label);
                super.visitLabel(label);
            }

            @Override
            public void visitJumpInsn(int opcode, Label target) {
                if (visited.contains(target)) limitsCheck(); // a backward jump: a loop
                super.visitJumpInsn(opcode, target);
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                limitsCheck();
                super.visitTableSwitchInsn(min, max, dflt, labels);
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                limitsCheck();
                super.visitLookupSwitchInsn(dflt, keys, labels);
            }

            private void limitsCheck() {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, LIMITS, "check", "()V", false);
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) errors.add("use of synchronized");
                super.visitInsn(opcode);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                type(type);
                super.visitTypeInsn(opcode, type);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                type(owner);
                descriptor(descriptor);
                super.visitFieldInsn(opcode, owner, name, descriptor);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                type(owner);
                descriptor(descriptor);
                if (owner.equals("java/lang/Object") && OBJECT_REFUSED.contains(name)
                        || owner.equals("java/lang/Class") && !CLASS_ALLOWED.contains(name)
                        || owner.startsWith("java/net/Inet") && !INET_ALLOWED.contains(name)) {
                    errors.add("call to " + owner.replace('/', '.') + "." + name + "()");
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                if (!bootstrap.getOwner().equals("java/lang/invoke/StringConcatFactory")) errors.add("use of invokedynamic");
                descriptor(descriptor);
                super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof Type t && t.getSort() != Type.METHOD) descriptorType(t);
                else if (!(value instanceof Number || value instanceof String)) errors.add("use of constant " + value);
                super.visitLdcInsn(value);
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                descriptor(descriptor);
                super.visitMultiANewArrayInsn(descriptor, numDimensions);
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                type(type);
                super.visitTryCatchBlock(start, end, handler, type);
            }
        }
    }
}
