package eventconsumer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** A flag that threads wait for, guarded by a lock; waiters wait on one condition, which {@link #set()} signals all. */
public final class Event {

    private final Lock lock = new ReentrantLock();
    private final Condition becameSet = lock.newCondition();
    private boolean flag;

    public void set() {
        lock.lock();
        try {
            flag = true;
            becameSet.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    public boolean isSet() {
        lock.lock();
        try {
            return flag;
        } finally {
            lock.unlock();
        }
    }

    public void await() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!flag) {
                becameSet.await();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (!flag) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = becameSet.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
