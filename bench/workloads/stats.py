nodes = ["emqx@10.0.0.1", "emqx@10.0.0.2", "emqx@10.0.0.3", "emqx@10.0.0.4"]
for n in range(len(nodes)):
    samples = []
    for i in range(25000):
        samples.append(((i * 7919 + n * 104729) % 10007) / 100.0 + n)
    sorted_ = sorted(samples)
    mean = sum(samples) / len(samples)
    spread = 0.0
    for s in samples:
        spread += (s - mean) * (s - mean)
    p50 = sorted_[len(sorted_) // 2]
    p99 = sorted_[int(len(sorted_) * 0.99)]
    outliers = len([s for s in samples if s > mean * 1.9])
    buckets = [0, 0, 0, 0, 0]
    for s in samples:
        buckets[min(int(s / 25), 4)] += 1
    bars = ["##########"[0:round(b / 2500)] for b in buckets]
    print(nodes[n], round(mean, 3), round(spread / len(samples), 3), p50, p99, outliers, "|".join(bars))
