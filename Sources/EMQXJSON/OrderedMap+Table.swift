/// The hash table of an `OrderedMap`: open addressing with linear probing over a power of two of slots, at most
/// three quarters full, counting holes.
///
/// A slot is 0 when empty; otherwise its top 32 bits are the top 32 bits of its key's hash and its low 32 bits
/// are the key's position plus one. A key's bucket is the top bits of its hash, so a slot alone says where it
/// belongs: growing and removing never hash a key again. One more word after the buckets counts the holes
/// removals left in the arrays: kept there, the map stays three words, and so does every value holding one.
extension OrderedMap {
    /// A key's hash: its bytes mixed eight at a time when it is ASCII, as nearly every key is, else `hashValue`
    /// (SipHash over the normalized text, several times the cost for a short key).
    ///
    /// Keys equal as strings must hash alike, and a string is equal to another that is canonically equivalent:
    /// three non-ASCII characters are equivalent to ASCII ones (U+037E to `;`, U+1FEF to a backtick, U+212A to
    /// `K`). A key of ASCII and those three only is hashed as the ASCII it equals.
    @inlinable static func hash(_ key: String) -> UInt64 {
        if let hash = key.utf8.withContiguousStorageIfAvailable(KeyHash.ascii), let hash { return hash }
        return KeyHash.equivalentASCII(key) ?? UInt64(UInt(bitPattern: key.hashValue))
    }

    @inlinable static func slot(hash: UInt64, position: Int) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(position + 1)
    }

    /// The fewest slots, a power of two, that hold `count` keys at most three quarters full.
    @inlinable static func tableCapacity(for count: Int) -> Int {
        var capacity = 16
        while count > capacity / 4 * 3 { capacity *= 2 }
        return capacity
    }

    /// The number of buckets of the table, a power of two; 0 when there is none.
    @inlinable var bucketCount: Int { slots.isEmpty ? 0 : slots.count - 1 }

    /// The number of holes removals left in the arrays.
    @inlinable var holeCount: Int { slots.isEmpty ? 0 : Int(truncatingIfNeeded: slots[slots.count - 1]) }

    /// Where `key` is: its position when the map holds it, else the empty bucket where it would go.
    @inlinable func probe(_ key: String, hash: UInt64) -> (found: Int?, bucket: Int) {
        slots.withUnsafeBufferPointer { slots in
            storedKeys.withUnsafeBufferPointer { keys in
                let buckets = slots.count - 1
                let mask = buckets - 1
                let shift = UInt64(64 - buckets.trailingZeroBitCount)
                let fragment = hash >> 32
                var bucket = Int(truncatingIfNeeded: hash >> shift)
                while true {
                    let slot = slots[bucket]
                    if slot == 0 { return (nil, bucket) }
                    if slot >> 32 == fragment {
                        let position = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                        if keys[position] == key { return (position, bucket) }
                    }
                    bucket = (bucket + 1) & mask
                }
            }
        }
    }

    /// The bucket a slot belongs in, in a table of `capacity` slots.
    @inlinable static func home(of slot: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: slot >> UInt64(64 - capacity.trailingZeroBitCount))
    }

    /// Puts the slot of the key at `position` into the first empty bucket from its home.
    @inlinable mutating func placeSlot(hash: UInt64, position: Int) {
        let slot = Self.slot(hash: hash, position: position)
        let mask = bucketCount - 1
        var bucket = Self.home(of: slot, capacity: bucketCount)
        while slots[bucket] != 0 { bucket = (bucket + 1) & mask }
        slots[bucket] = slot
    }

    /// Moves every slot into a table of `capacity` slots, reading only the slots.
    @inlinable mutating func growSlots(to capacity: Int) {
        var grown = ContiguousArray<UInt64>(repeating: 0, count: capacity + 1)
        grown[capacity] = slots[bucketCount]
        let mask = capacity - 1
        grown.withUnsafeMutableBufferPointer { grown in
            for slot in slots.dropLast() where slot != 0 {
                var bucket = Self.home(of: slot, capacity: capacity)
                while grown[bucket] != 0 { bucket = (bucket + 1) & mask }
                grown[bucket] = slot
            }
        }
        slots = grown
    }

    /// Builds a table of `capacity` slots from the keys, hashing each.
    @inlinable mutating func rebuildSlots(capacity: Int) {
        slots = ContiguousArray(repeating: 0, count: capacity + 1)
        for position in storedKeys.indices { placeSlot(hash: Self.hash(storedKeys[position]), position: position) }
    }

    /// Takes the slot of the key at `position` out of the table.
    @inlinable mutating func removeSlot(forPosition position: Int) {
        let target = UInt64(position + 1)
        let capacity = bucketCount
        let mask = capacity - 1
        let hash = Self.hash(storedKeys[position])
        slots.withUnsafeMutableBufferPointer { slots in
            var hole = Self.home(of: Self.slot(hash: hash, position: position), capacity: capacity)
            while slots[hole] & 0xFFFF_FFFF != target { hole = (hole + 1) & mask }
            // Backward-shift deletion: later slots of the same run move into the hole when their home allows it.
            var next = (hole + 1) & mask
            while slots[next] != 0 {
                let home = Self.home(of: slots[next], capacity: capacity)
                // The slot may move to the hole when its home is not cyclically within (hole, next].
                let distanceToNext = (next - home) & mask
                let distanceToHole = (next - hole) & mask
                if distanceToNext >= distanceToHole {
                    slots[hole] = slots[next]
                    hole = next
                }
                next = (next + 1) & mask
            }
            slots[hole] = 0
        }
    }
}

/// The hash of an ASCII key (see `OrderedMap.hash`), seeded once per process so that keys cannot be chosen to
/// collide.
@usableFromInline enum KeyHash {
    @usableFromInline static let seed = UInt64.random(in: .min ... .max)

    /// The hash of `bytes`, nil when one of them is not ASCII.
    ///
    /// Read in words: a key's last word may overlap the one before, and a key shorter than a word is read in two
    /// overlapping halves (or three bytes), which with its length still tells every byte apart.
    @inlinable static func ascii(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let count = bytes.count
        var state = Mixer(seed: seed, count: count)
        guard let base = bytes.baseAddress, count > 0 else { return state.finish() }
        let raw = UnsafeRawPointer(base)
        var seen: UInt64 = 0
        if count >= 8 {
            var index = 0
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                seen |= word
                state.add(word)
                index += 8
            }
            if index < count {
                let word = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                seen |= word
                state.add(word)
            }
        } else if count >= 4 {
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            let last = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            seen = first | last
            state.add(first | last << 32)
        } else {
            seen = UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16
            state.add(seen)
        }
        return seen & 0x8080_8080_8080_8080 == 0 ? state.finish() : nil
    }

    /// The hash of the ASCII text `key` is equal to, when it has one: nil unless every character is ASCII or one of
    /// the three equivalent to an ASCII one.
    @usableFromInline static func equivalentASCII(_ key: String) -> UInt64? {
        var bytes: [UInt8] = []
        for scalar in key.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: bytes.append(UInt8(scalar.value))
            case 0x037E: bytes.append(UInt8(ascii: ";"))
            case 0x1FEF: bytes.append(UInt8(ascii: "`"))
            case 0x212A: bytes.append(UInt8(ascii: "K"))
            default: return nil
            }
        }
        return bytes.withUnsafeBufferPointer(ascii)
    }

    /// Words mixed by multiplying, and the total finished as SplitMix64 finishes its state.
    @usableFromInline struct Mixer {
        @usableFromInline var state: UInt64

        @inlinable init(seed: UInt64, count: Int) { state = seed ^ (UInt64(count) &* 0x9E37_79B9_7F4A_7C15) }

        @inlinable mutating func add(_ word: UInt64) {
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 29
        }

        @inlinable func finish() -> UInt64 {
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
