import type { Context, SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/** The span @opentelemetry/instrumentation-dataloader makes for every key a resolver asks for. */
const PER_KEY_LOAD = 'dataloader.load';

/**
 * Hands every span on to `next` but DataLoader's per-key loads. A board asks each department's
 * loader for every station, twice (the period and its baseline): a 绍兴 board of 92 stations
 * made 644 load spans out of 822, a province board would make thousands and overflow the export
 * queue (2,048 spans), while the batch those keys end in already times the work. A batch starts
 * under the load that scheduled it; it takes that load's parent, the resolver that asked, as its
 * own, so that every span exported still has its parent in the trace.
 */
export class WithoutPerKeyLoads implements SpanProcessor {
  /** The parent of every load still open: a load ends after the batch it scheduled. */
  private readonly loadParents = new Map<string, SpanContext | undefined>();

  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    if (span.name === PER_KEY_LOAD) {
      this.loadParents.set(span.spanContext().spanId, span.parentSpanContext);
    } else {
      this.next.onStart(span, parentContext);
    }
  }

  onEnd(span: ReadableSpan): void {
    if (span.name === PER_KEY_LOAD) {
      this.loadParents.delete(span.spanContext().spanId);
      return;
    }
    const parentId = span.parentSpanContext?.spanId ?? '';
    if (!this.loadParents.has(parentId)) {
      this.next.onEnd(span);
      return;
    }
    // The ended span as it is, but for its parent.
    const reparented = Object.create(span, {
      parentSpanContext: { value: this.loadParents.get(parentId) },
    }) as ReadableSpan;
    this.next.onEnd(reparented);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}
