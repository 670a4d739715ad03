package gradelock.grader.batch;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} parts of a class, numbered from 1, as {@code batch --shard index/count} grades it. A student's
 * shard follows from their id alone: the SHA-256 of the id's UTF-8 bytes, read as an unsigned number, modulo the count,
 * plus one. It is the same in every shard and every run, whatever order the class folder is listed in, and every
 * student is in exactly one shard. It does not depend on the other students either, so a student added late does not
 * move anyone else to another shard. A hash spreads students evenly only on average: in a small class a shard may be
 * empty, which is fine (it grades nobody).
 */
public record Shard(int index, int count) {

    private static final Pattern SPEC = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, but was " + index + "/" + count);
        }
    }

    /** The shard {@code spec} names as {@code I/N}, or an exception saying what is wrong with it. */
    public static Shard parse(String spec) {
        Matcher matcher = SPEC.matcher(spec.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--shard must be I/N, the shard I of N counted from 1 (e.g. 2/5), but was '" + spec + "'");
        }
        int index = Integer.parseInt(matcher.group(1));
        int count = Integer.parseInt(matcher.group(2));
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard must be I/N with 1 <= I <= N (e.g. 2/5), but was '" + spec + "'");
        }
        return new Shard(index, count);
    }

    /** The number, from 1 to {@code count}, of the shard that grades {@code student}. */
    public static int of(String student, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, but was " + count);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(student.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).mod(BigInteger.valueOf(count)).intValueExact() + 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public boolean includes(String student) {
        return of(student, count) == index;
    }

    /** The students of {@code students} in this shard, in their order. */
    public List<StudentSubmission> of(List<StudentSubmission> students) {
        return students.stream().filter(student -> includes(student.student())).toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
