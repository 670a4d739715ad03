package boundedbuffer;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import gradelock.testkit.Points;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exercise is to build the waiting, not to borrow it: a submission must not hand its items to one of
 * java.util.concurrent's queues or collections, which already block, count and wake for you.
 */
// Importing and checking the classes is CPU-bound and cannot be interrupted: 0.7 s on a quiet 2-core machine, but it
// ran past 10 s once with the machine's load at 16. The limit is only there to end a hang, so it is generous.
@Timeout(30)
class BoundedBufferArchitectureTests {

    /** BlockingQueue, ArrayBlockingQueue, ConcurrentLinkedDeque, ConcurrentHashMap and their kin. */
    private static final DescribedPredicate<JavaClass> CONCURRENT_COLLECTIONS =
            DescribedPredicate.describe("are queues, collections or maps from java.util.concurrent",
                    type -> type.getPackageName().equals("java.util.concurrent")
                            && (type.isAssignableTo(Collection.class) || type.isAssignableTo(Map.class)));

    // Semaphore, TimeUnit, locks (java.util.concurrent.locks) and atomics (java.util.concurrent.atomic) stay allowed.
    static final ArchRule BUILDS_ITS_OWN_WAITING = noClasses()
            .should().dependOnClassesThat(CONCURRENT_COLLECTIONS)
            .because("the exercise is to make producers and consumers wait yourself, with a monitor, Lock and Condition,"
                    + " or Semaphores; java.util.concurrent's queues and collections already do that work"
                    + " (Semaphore, TimeUnit, locks and atomics are fine)");

    @Test
    @Points(2)
    void buildsTheBufferWithoutJavaUtilConcurrentQueuesOrCollections() throws InterruptedException {
        // A rule about how the buffer is built earns points only once there is a buffer: a stub keeps it vacuously.
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        buffer.put("item");
        assertThat(buffer.take()).as("take() after put(\"item\") on a new buffer of capacity 1").isEqualTo("item");

        // Only the submission: import just the class-path entry BoundedBuffer came from (a classes folder,
        // in Maven and in the grader alike), and not the tests, which Maven keeps in a folder of their own.
        JavaClasses submission = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(Location.of(BoundedBuffer.class.getProtectionDomain().getCodeSource().getLocation())));

        BUILDS_ITS_OWN_WAITING.check(submission);
    }
}
