package io.convro.adapter.http.inprocess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.AutoLock;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's view of an {@link InProcessConnection}: request bytes wait in a queue until Jetty fills from it (always
 * on Jetty's executor, never on the caller's thread), and every flush goes straight to the {@link
 * InProcessConnection.ResponseSink}. When the sink asks to wait, the next flush is left incomplete and resumes on
 * {@link #resume()}: what the caller has not yet passed on stays bounded.
 */
final class InProcessEndPoint extends AbstractEndPoint implements InProcessConnection {
    /** Request bytes waiting for Jetty beyond which the caller is asked to hold back. */
    static final int MAX_QUEUED_BYTES = 64 * 1024;
    private final Executor executor;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final ResponseSink sink;
    private final Runnable onClosed;
    private final AutoLock lock = new AutoLock();
    private final ArrayDeque<ByteBuffer> input = new ArrayDeque<>();
    private long queued;
    private boolean holdingBack;
    private final Runnable fillable = () -> getFillInterest().fillable();
    private final Runnable completeWrite = () -> getWriteFlusher().completeWrite();
    private volatile boolean waiting;
    /** Counts {@link #resume()} calls, so that a flush can tell a resume that came while it wrote. */
    private final java.util.concurrent.atomic.AtomicLong resumes = new java.util.concurrent.atomic.AtomicLong();

    InProcessEndPoint(Scheduler scheduler, long idleTimeoutMillis, Executor executor, InetSocketAddress local,
                      InetSocketAddress remote, ResponseSink sink, Runnable onClosed) {
        super(scheduler);
        setIdleTimeout(idleTimeoutMillis);
        this.executor = executor;
        this.local = local;
        this.remote = remote;
        this.sink = sink;
        this.onClosed = onClosed;
    }

    /**
     * Run Jetty's side on its threads; when their queue is full (the server is overloaded) the connection closes,
     * which the relay answers {@code 503} with Retry-After, instead of the queue growing.
     */
    private void dispatch(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException overloaded) {
            close(overloaded);
        }
    }

    // ---- the caller's side

    @Override
    public boolean feed(ByteBuffer requestBytes) {
        boolean wake;
        boolean welcome;
        try (AutoLock held = lock.lock()) {
            if (!isOpen() || !requestBytes.hasRemaining()) {
                return true;
            }
            wake = input.isEmpty();
            input.add(requestBytes);
            queued += requestBytes.remaining();
            welcome = queued < MAX_QUEUED_BYTES;
            holdingBack |= !welcome;
        }
        if (wake && isFillInterested()) {
            dispatch(fillable);
        }
        return welcome;
    }

    @Override
    public void resume() {
        resumes.incrementAndGet();
        waiting = false;
        dispatch(completeWrite);
    }

    // close() is AbstractEndPoint's own

    // ---- Jetty's side

    @Override
    protected void needsFillInterest() throws IOException {
        boolean ready;
        try (AutoLock held = lock.lock()) {
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
            ready = !input.isEmpty();
        }
        if (ready) {
            dispatch(fillable);
        }
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        int filled = 0;
        boolean drained = false;
        try (AutoLock held = lock.lock()) {
            if (!isOpen()) {
                throw new EofException("CLOSED");
            }
            if (isInputShutdown()) {
                return -1;
            }
            ByteBuffer next = input.peek();
            if (next != null) {
                filled = BufferUtil.append(buffer, next);
                if (!next.hasRemaining()) {
                    input.poll();
                }
                queued -= filled;
                if (holdingBack && queued < MAX_QUEUED_BYTES) {
                    holdingBack = false;
                    drained = true;
                }
            }
        }
        if (filled > 0) {
            notIdle();
        }
        if (drained) {
            sink.drained();
        }
        return filled;
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        if (!isOpen()) {
            throw new IOException("CLOSED");
        }
        if (isOutputShutdown()) {
            throw new IOException("OSHUT");
        }
        if (waiting) {
            return false;
        }
        boolean wrote = false;
        boolean mustWait = false;
        long resumed = resumes.get();
        for (ByteBuffer buffer : buffers) {
            if (BufferUtil.hasContent(buffer)) {
                wrote = true;
                mustWait |= !sink.write(buffer);
                buffer.position(buffer.limit());
            }
        }
        if (mustWait) {
            // the sink may have resumed us already, on its own thread, between asking to wait and now: setting the
            // flag after that resume would wait for one that never comes (the relay then stalled until Jetty's idle
            // timeout closed the connection, mid-answer); a resume counted since the writes began cancels the wait
            waiting = true;
            if (resumes.get() != resumed) {
                waiting = false;
            }
        }
        if (wrote) {
            notIdle();
        }
        return true;
    }

    @Override
    protected void onIncompleteFlush() {
        // the caller may have resumed between the refused flush and now: then nobody else will complete the write
        if (!waiting) {
            dispatch(completeWrite);
        }
    }

    @Override
    protected void doShutdownOutput() {
        // HTTP/1.1 shuts output down to end a connection that says Connection: close
        close();
    }

    @Override
    protected void doClose() {
        try (AutoLock held = lock.lock()) {
            input.clear();
            queued = 0;
        }
        sink.closed();
    }

    @Override
    public void onClose(Throwable cause) {
        try {
            if (getConnection() != null) {
                getConnection().onClose(cause);
            }
        } finally {
            onClosed.run();
            super.onClose(cause);
        }
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return local;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return remote;
    }

    @Override
    public Object getTransport() {
        return this;
    }
}
