package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Iterates a dataset in mini-batches (B, N, 3), reading and transforming samples on a small thread
 * pool with one batch prefetched.
 *
 * <p>Reproducibility: the sample order of epoch e is a permutation drawn from (seed, e), and each
 * sample's transform draws from a generator seeded by (seed, e, dataset index). So a batch depends
 * only on (seed, epoch, batch index) — not on the thread count, the scheduling, or earlier epochs —
 * and resuming at any epoch reproduces the original run exactly.
 *
 * <p>Errors: a sample that cannot be read surfaces from the iterator as an {@link UncheckedIOException}
 * wrapping the reader's {@link IOException} (which names the file); a transform failure or clouds of
 * different sizes in one batch surface as {@link IllegalStateException} naming the samples.
 *
 * <p>Close the loader to stop its threads.
 */
public final class DataLoader implements AutoCloseable {

    private static final long SHUFFLE_SALT = 0x53485546464C45L;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PointCloudDataset dataset;
    private final PointTransform transform;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final ExecutorService executor;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.transform = b.transform;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
        this.executor = b.threads == 0 ? null : Executors.newFixedThreadPool(b.threads, daemonThreads());
    }

    /** @return a builder over {@code dataset}: batch 32, no shuffle, keep the last partial batch, 2 threads */
    public static Builder builder(PointCloudDataset dataset) {
        return new Builder(dataset);
    }

    /** @return the number of batches per epoch */
    public int batchesPerEpoch() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** @return the dataset */
    public PointCloudDataset dataset() {
        return dataset;
    }

    /**
     * @param epoch the epoch number, from 0; it selects the shuffle order and the transforms' random draws
     * @return the batches of that epoch; each {@code iterator()} call starts a fresh pass
     */
    public Iterable<Batch> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        return () -> new EpochIterator(epoch, order(epoch));
    }

    /** @return the dataset indices in the order epoch {@code epoch} visits them (before drop_last) */
    public int[] order(int epoch) {
        int n = dataset.size();
        if (!shuffle) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            return idx;
        }
        return Transforms.permutationPrefix(n, n, Seeds.random(Seeds.mix(seed, SHUFFLE_SALT, epoch)));
    }

    /** Stops the worker threads; iterators in progress fail afterwards. */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private Sample loadOne(int epoch, int index) {
        Sample s;
        try {
            s = dataset.get(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PointCloud p;
        try {
            p = transform.apply(s.points(), Seeds.random(Seeds.mix(seed, epoch, index)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("transform " + transform + " failed on sample '" + s.id() + "' (index "
                    + index + " of " + dataset.name() + "): " + e.getMessage(), e);
        }
        return new Sample(p, s.label(), s.id());
    }

    private CompletableFuture<Batch> submit(int epoch, int batchIndex, int[] order) {
        int from = batchIndex * batchSize;
        int to = Math.min(order.length, from + batchSize);
        List<CompletableFuture<Sample>> parts = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            int index = order[k];
            parts.add(executor == null ? completedOrFailed(() -> loadOne(epoch, index))
                    : CompletableFuture.supplyAsync(() -> loadOne(epoch, index), executor));
        }
        int[] indices = java.util.Arrays.copyOfRange(order, from, to);
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> assemble(epoch, batchIndex, indices, parts.stream().map(CompletableFuture::join).toList()));
    }

    private static CompletableFuture<Sample> completedOrFailed(java.util.function.Supplier<Sample> s) {
        try {
            return CompletableFuture.completedFuture(s.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Batch assemble(int epoch, int batchIndex, int[] indices, List<Sample> samples) {
        int b = samples.size();
        int n = samples.get(0).points().size();
        float[] points = new float[b * n * 3];
        int[] labels = new int[b];
        List<String> ids = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            Sample s = samples.get(i);
            if (s.points().size() != n) {
                throw new IllegalStateException("batch " + batchIndex + " of epoch " + epoch + ": sample '" + s.id()
                        + "' has " + s.points().size() + " points but sample '" + samples.get(0).id() + "' has " + n
                        + "; all clouds of a batch need the same N (add a subsampling transform such as Transforms.fps)");
            }
            System.arraycopy(s.points().xyz(), 0, points, i * n * 3, n * 3);
            labels[i] = s.label();
            ids.add(s.id());
        }
        return new Batch(epoch, batchIndex, points, b, n, labels, ids, indices);
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "recon4j-loader-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One pass over an epoch, keeping the next batch in flight while the current one is consumed. */
    private final class EpochIterator implements Iterator<Batch> {
        private final int epoch;
        private final int[] order;
        private final int batches;
        private int next;
        private CompletableFuture<Batch> pending;

        EpochIterator(int epoch, int[] order) {
            this.epoch = epoch;
            this.order = order;
            this.batches = batchesPerEpoch();
            // Without worker threads there is nothing to overlap with: batches are read on demand.
            this.pending = batches > 0 && executor != null ? submit(epoch, 0, order) : null;
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
            }
            CompletableFuture<Batch> current = executor == null ? submit(epoch, next, order) : pending;
            next++;
            pending = next < batches && executor != null ? submit(epoch, next, order) : null;
            try {
                return current.join();
            } catch (CompletionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    /** Options of a {@link DataLoader}. */
    public static final class Builder {
        private final PointCloudDataset dataset;
        private PointTransform transform = PointTransform.identity();
        private int batchSize = 32;
        private boolean shuffle;
        private boolean dropLast;
        private long seed;
        private int threads = 2;

        private Builder(PointCloudDataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** @param transform applied to every sample, e.g. {@link DatasetPipelines#modelNetTrain(int)} */
        public Builder transform(PointTransform transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /** @param batchSize B, at least 1 (default 32) */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** @param shuffle visit samples in a seeded, per-epoch random order (default false: dataset order) */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** @param dropLast skip the last batch if it has fewer than B samples (default false) */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** @param seed the root of every random draw (shuffle order and transforms; default 0) */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param threads worker threads (default 2); 0 reads on the caller's thread, without prefetch */
        public Builder threads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** @return the loader; close it when done */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
