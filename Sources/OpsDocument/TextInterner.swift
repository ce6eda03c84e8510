/// The text of a document's scalars, each distinct short text built once: a template repeats its keys, types and
/// values thousands of times (`Type`, `AWS::CloudWatch::Alarm`, `EvaluationPeriods`), and a repeat is then a hash and
/// a comparison of bytes instead of a validated copy (and, past 15 bytes, an allocation of its own). One per parse.
final class TextInterner {
    /// Texts longer than this are built each time: long ones rarely repeat.
    static var maxLength: Int { 48 }
    /// How many distinct texts are kept at most, so that a file of unique values cannot grow the table without end.
    static var maxTexts: Int { 1 << 16 }
    /// How many kept texts a lookup looks at before it gives up and builds the text without keeping it: a run this
    /// long means texts made to collide, and no input may make every lookup walk the whole table.
    static var maxProbes: Int { 64 }
    /// A kept text's bytes, padded to `maxLength`, then its length.
    private static var stride: Int { maxLength + 1 }

    @exclusivity(unchecked) private var texts: [String] = []
    /// Each kept text's bytes at `index * stride`.
    @exclusivity(unchecked) private var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var byteCapacity = 256
    /// Open addressing, `mask + 1` long: per slot the text's hash in the high half and its index + 1 in the low half
    /// (0: empty), so that most texts that only share a slot are told apart without comparing bytes.
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var mask = 1023
    /// The hash bits used: all of them, save in tests that make every text share one slot and tag.
    private let hashBits: UInt64

    init(hashBits: UInt64 = .max) {
        self.hashBits = hashBits
        bytes = .allocate(capacity: byteCapacity * Self.stride)
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: 0, count: mask + 1)
    }

    deinit {
        bytes.deallocate()
        slots.deallocate()
    }

    /// How many distinct texts are kept.
    var keptCount: Int { texts.count }

    /// `utf8` as text: the same `String` as before when these bytes were seen, else a new one (kept when there is room).
    func text(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard utf8.count <= Self.maxLength, let base = utf8.baseAddress else { return String(decoding: utf8, as: UTF8.self) }
        let count = utf8.count
        let hash = Self.hash(base, count) & hashBits
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        var probes = 0
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let kept = bytes + index * Self.stride
                if Int(kept[Self.maxLength]) == count, Self.same(kept, base, count) { return texts[index] }
            }
            probes += 1
            if probes == Self.maxProbes { return String(decoding: utf8, as: UTF8.self) }
            slot = (slot + 1) & mask
        }
        let text = String(decoding: utf8, as: UTF8.self)
        let index = texts.count
        guard index < Self.maxTexts else { return text }
        if index == byteCapacity { growBytes() }
        let kept = bytes + index * Self.stride
        kept.update(from: base, count: count)
        kept[Self.maxLength] = UInt8(count)
        texts.append(text)
        slots[slot] = tag | UInt64(index + 1)
        if texts.count * 2 > mask + 1 { growSlots() }
        return text
    }

    private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
            i += 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    private func growBytes() {
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: byteCapacity * 2 * Self.stride)
        grown.update(from: bytes, count: byteCapacity * Self.stride)
        bytes.deallocate()
        bytes = grown
        byteCapacity *= 2
    }

    private func growSlots() {
        let oldCount = mask + 1
        let grownMask = oldCount * 2 - 1
        let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: grownMask + 1)
        grown.initialize(repeating: 0, count: grownMask + 1)
        for i in 0..<oldCount where slots[i] != 0 {
            var slot = Int(truncatingIfNeeded: slots[i] >> 32) & grownMask
            while grown[slot] != 0 { slot = (slot + 1) & grownMask }
            grown[slot] = slots[i]
        }
        slots.deallocate()
        slots = grown
        mask = grownMask
    }

    /// Eight bytes at a time (the last eight, or two overlapping halves of a short text, read whole), then mixed.
    private static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawPointer(start)
        var h = UInt64(count) &* k
        if count >= 8 {
            var i = 0
            while i + 8 < count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
                h ^= h >> 32
                i += 8
            }
            h ^= raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            h ^= UInt64(raw.loadUnaligned(as: UInt32.self)) << 32 | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else if count > 0 {
            h ^= UInt64(start[0]) << 16 | UInt64(start[count / 2]) << 8 | UInt64(start[count - 1])
        }
        // MurmurHash3's finalizer: every bit of the input reaches the high half.
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}
