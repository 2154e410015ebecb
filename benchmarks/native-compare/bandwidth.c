// Memory read-bandwidth probe for benchmarks/native-compare (see README.md).
//
// build: gcc -O3 -march=native -fopenmp -o bandwidth bandwidth.c
// usage: ./bandwidth [total_MiB=1024] [iterations=10] [threads=2]
//
// Each thread sums its own contiguous share of one large array of 64-bit integers (first-touched by that
// thread), with 4 independent accumulators so the loop is several vectorised load streams per thread.
// One iteration = all threads read their share once, between two barriers; GB/s = bytes / wall time (1 GB = 1e9 B).
// Prints one JSON line: {"impl":"bandwidth","read_gbs_median":..,"read_gbs_best":..,...}
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_sec(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static uint64_t sum_range(const uint64_t *restrict p, size_t n) {
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += p[i];
        s1 += p[i + 1];
        s2 += p[i + 2];
        s3 += p[i + 3];
    }
    for (; i < n; i++) s0 += p[i];
    return s0 + s1 + s2 + s3;
}

int main(int argc, char **argv) {
    size_t total_mib = argc > 1 ? strtoull(argv[1], NULL, 10) : 1024;
    int iters = argc > 2 ? atoi(argv[2]) : 10;
    int threads = argc > 3 ? atoi(argv[3]) : 2;
    if (total_mib == 0 || iters <= 0 || threads <= 0) {
        fprintf(stderr, "usage: %s [total_MiB] [iterations] [threads]\n", argv[0]);
        return 2;
    }
    size_t bytes = total_mib << 20;
    size_t n = bytes / sizeof(uint64_t);
    uint64_t *a = NULL;
    if (posix_memalign((void **) &a, 4096, n * sizeof(uint64_t)) != 0) {
        perror("posix_memalign");
        return 1;
    }
    double *gbs = calloc((size_t) iters, sizeof(double));
    volatile uint64_t sink = 0;

    omp_set_dynamic(0);
#pragma omp parallel num_threads(threads)
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        size_t lo = n * (size_t) t / (size_t) nt, hi = n * (size_t) (t + 1) / (size_t) nt;
        for (size_t i = lo; i < hi; i++) a[i] = i; // first touch by the reading thread
        uint64_t warm = sum_range(a + lo, hi - lo);  // untimed warm-up pass
#pragma omp atomic
        sink += warm;
        for (int it = 0; it < iters; it++) {
            double t0 = 0;
#pragma omp barrier
#pragma omp master
            t0 = now_sec();
            uint64_t s = sum_range(a + lo, hi - lo);
#pragma omp atomic
            sink += s;
#pragma omp barrier
#pragma omp master
            gbs[it] = (double) (n * sizeof(uint64_t)) / (now_sec() - t0) / 1e9;
        }
    }

    double best = 0;
    for (int i = 0; i < iters; i++) best = gbs[i] > best ? gbs[i] : best;
    qsort(gbs, (size_t) iters, sizeof(double), cmp_double);
    double median = iters % 2 ? gbs[iters / 2] : 0.5 * (gbs[iters / 2 - 1] + gbs[iters / 2]);
    printf("{\"impl\":\"bandwidth\",\"read_gbs_median\":%.2f,\"read_gbs_best\":%.2f,\"threads\":%d,\"bytes\":%zu,\"iterations\":%d,\"checksum\":%llu}\n",
           median, best, threads, n * sizeof(uint64_t), iters, (unsigned long long) sink);
    free(gbs);
    free(a);
    return 0;
}
