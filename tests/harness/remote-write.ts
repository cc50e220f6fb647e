// Writes samples into a running Prometheus through its remote-write receiver (the harness starts it with
// --web.enable-remote-write-receiver), so a test can put exactly known data next to the backfilled scenario.
// Remote write 1.0 is a protobuf WriteRequest compressed with snappy's block format. Neither library is a
// dependency and the test needs only the encoder side, so both are written here: protobuf's varint and
// length-delimited fields, and snappy blocks made only of literals (valid snappy, just not compressed).
// Prometheus' head accepts samples newer than about an hour before its newest one (the scenario's blocks
// end an hour or more before now): write recent timestamps, each series in time order.

export type WriteSeries = { labels: Record<string, string>; samples: { value: number; timestampMs: number }[] };

const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
};

// A length-delimited field (wire type 2): strings and embedded messages.
const lengthDelimited = (field: number, bytes: Uint8Array | number[]): number[] => [
  ...varint((field << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
];
const text = (s: string) => new TextEncoder().encode(s);

const sample = (value: number, timestampMs: number): number[] => {
  const double = new Uint8Array(8);
  new DataView(double.buffer).setFloat64(0, value, true);
  return [(1 << 3) | 1, ...double, ...varint((2 << 3) | 0), ...varint(timestampMs)]; // 1: double value, 2: int64 timestamp
};

/** prometheus.WriteRequest{timeseries: [{labels (sorted by name), samples}]} as protobuf bytes. */
export function encodeWriteRequest(series: WriteSeries[]): Uint8Array {
  const out: number[] = [];
  for (const s of series) {
    const body: number[] = [];
    for (const [name, value] of Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      body.push(...lengthDelimited(1, [...lengthDelimited(1, text(name)), ...lengthDelimited(2, text(value))]));
    }
    for (const x of s.samples) body.push(...lengthDelimited(2, sample(x.value, x.timestampMs)));
    out.push(...lengthDelimited(1, body));
  }
  return Uint8Array.from(out);
}

/** Snappy block format: varint of the length, then literal elements of at most 64 KiB (tag 0xF4: 2-byte length − 1). */
export function snappyLiterals(data: Uint8Array): Uint8Array {
  const out: number[] = varint(data.length);
  for (let at = 0; at < data.length; at += 65_536) {
    const chunk = data.subarray(at, at + 65_536);
    const n = chunk.length - 1;
    if (n < 60) out.push(n << 2);
    else out.push(0xf4, n & 0xff, n >> 8);
    out.push(...chunk);
  }
  return Uint8Array.from(out);
}

/** POSTs the series to `<prometheusUrl>/api/v1/write`; throws with Prometheus' answer when it refuses them. */
export async function remoteWrite(prometheusUrl: string, series: WriteSeries[]): Promise<void> {
  const res = await fetch(`${prometheusUrl}/api/v1/write`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-protobuf",
      "Content-Encoding": "snappy",
      "X-Prometheus-Remote-Write-Version": "0.1.0",
    },
    body: Buffer.from(snappyLiterals(encodeWriteRequest(series))),
  });
  if (res.status !== 204 && res.status !== 200) throw new Error(`remote write: HTTP ${res.status} ${await res.text()}`);
}
