package io.github.sparkwheel.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a runtime's ELF binaries ask of a node, read without running them: the oldest glibc they run on (the
 * newest {@code GLIBC_x.y} symbol version any of them needs, from their {@code .gnu.version_r} sections, as
 * the dynamic linker checks it when it loads them: "version `GLIBC_2.30' not found") and the machine they
 * are built for. Reads ELF32 and ELF64 of either byte order.
 */
public final class Elf {

    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final Pattern GLIBC = Pattern.compile("^GLIBC_(\\d+)\\.(\\d+)(?:\\.\\d+)?$");

    private Elf() {}

    /**
     * @param root a runtime's tree; its executables in {@code bin/} and every {@code *.so*} are read
     * @return {@code {2, 30}}, or empty when no file names a glibc version (a static or musl build)
     */
    public static Optional<int[]> glibcFloor(Path root) throws IOException {
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(root)) {
            candidates = walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return name.contains(".so") || root.relativize(p).startsWith("bin");
            }).collect(Collectors.toList());
        }
        int[] floor = null;
        for (Path file : candidates) {
            int[] needed = glibcFloorOf(file);
            if (needed != null && (floor == null || compare(needed, floor) > 0)) {
                floor = needed;
            }
        }
        return Optional.ofNullable(floor);
    }

    /** The newest glibc version one ELF file needs; {@code null} when it needs none or is no ELF file. */
    static int[] glibcFloorOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 64) {
                return null;
            }
            ByteBuffer elf = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            if (elf.get(0) != 0x7f || elf.get(1) != 'E' || elf.get(2) != 'L' || elf.get(3) != 'F') {
                return null;
            }
            boolean is64 = elf.get(4) == 2;
            elf.order(elf.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long sectionHeaders = is64 ? elf.getLong(0x28) : Integer.toUnsignedLong(elf.getInt(0x20));
            int headerSize = Short.toUnsignedInt(elf.getShort(is64 ? 0x3A : 0x2E));
            int sections = Short.toUnsignedInt(elf.getShort(is64 ? 0x3C : 0x30));
            int[] floor = null;
            for (int i = 0; i < sections; i++) {
                int header = Math.toIntExact(sectionHeaders + (long) i * headerSize);
                if (elf.getInt(header + 4) != SHT_GNU_VERNEED) {
                    continue;
                }
                long offset = is64 ? elf.getLong(header + 0x18) : Integer.toUnsignedLong(elf.getInt(header + 0x10));
                int link = elf.getInt(header + (is64 ? 0x28 : 0x18));
                int count = elf.getInt(header + (is64 ? 0x2C : 0x1C));
                int strings = Math.toIntExact(sectionHeaders + (long) link * headerSize);
                long stringTable = is64 ? elf.getLong(strings + 0x18) : Integer.toUnsignedLong(elf.getInt(strings + 0x10));
                int need = Math.toIntExact(offset);
                for (int n = 0; n < count; n++) { // Elf_Verneed: version, cnt, file, aux, next
                    int auxCount = Short.toUnsignedInt(elf.getShort(need + 2));
                    int aux = need + elf.getInt(need + 8);
                    for (int a = 0; a < auxCount; a++) { // Elf_Vernaux: hash, flags, other, name, next
                        Matcher m = GLIBC.matcher(string(elf, Math.toIntExact(stringTable + Integer.toUnsignedLong(
                                elf.getInt(aux + 8)))));
                        if (m.matches()) {
                            int[] version = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
                            if (floor == null || compare(version, floor) > 0) {
                                floor = version;
                            }
                        }
                        aux += elf.getInt(aux + 12);
                    }
                    int next = elf.getInt(need + 12);
                    if (next == 0) {
                        break;
                    }
                    need += next;
                }
            }
            return floor;
        } catch (IndexOutOfBoundsException | ArithmeticException | IllegalArgumentException malformed) {
            return null; // not an ELF file this reader understands: it names no glibc version
        }
    }

    /**
     * The machine an ELF file is built for, as {@code uname -m} names it ({@code x86_64}, {@code aarch64});
     * empty when it is no ELF file.
     */
    public static Optional<String> machine(Path file) throws IOException {
        byte[] header = new byte[20];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, 20) < 20 || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L'
                    || header[3] != 'F') {
                return Optional.empty();
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(header).order(header[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int machine = Short.toUnsignedInt(buffer.getShort(18));
        switch (machine) {
            case 62:
                return Optional.of("x86_64");
            case 183:
                return Optional.of("aarch64");
            case 3:
                return Optional.of("i686");
            case 21:
                return Optional.of(header[5] == 2 ? "ppc64" : "ppc64le");
            case 22:
                return Optional.of("s390x");
            case 40:
                return Optional.of("armv7l");
            default:
                return Optional.of("elf-machine-" + machine);
        }
    }

    private static String string(ByteBuffer elf, int at) {
        int end = at;
        while (end < elf.limit() && elf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = elf.get(at + i);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    static int compare(int[] a, int[] b) {
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }

    /** {@code 2.30} */
    public static String format(int[] version) {
        return version[0] + "." + version[1];
    }
}
