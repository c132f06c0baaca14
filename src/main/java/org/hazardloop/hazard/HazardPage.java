package org.hazardloop.hazard;

import java.util.List;
import java.util.function.Function;

/** One page of a ledger list and how many entries match in all. */
public record HazardPage<T>(List<T> items, int page, int size, long totalItems) {

    public int totalPages() {
        return (int) ((totalItems + size - 1) / size);
    }

    public <R> HazardPage<R> map(Function<? super T, ? extends R> mapper) {
        return new HazardPage<>(items.stream().<R>map(mapper).toList(), page, size, totalItems);
    }
}
