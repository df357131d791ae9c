;; The keyword prefilter's automaton over four stretches of a text at once (see prefilter.ts).
;;
;; The automaton is the JavaScript table itself, copied as it is to `tbl`: entry [row + c] (row = state *
;; 128, c = a text unit & 127, each entry 4 bytes) holds the next state's row (state * 128), or its bitwise
;; NOT when keywords end in that state. The text is one byte per UTF-16 unit (its low byte: the table only
;; reads the low 7 bits). One stream of the automaton waits on each table load before the next; four
;; independent streams keep the processor busy while they wait (about 2.5x the speed of one).
;;
;; scan4(p0, stride, len, tbl, out, cap) -> 0, or -1 when a stream found more than `cap` accepting states
;;   Stream k reads the bytes at [p0 + k * stride, p0 + k * stride + len) from the start state.
;;   Each time it enters an accepting state it writes the pair (row, address after the byte) at
;;   out + k * cap * 8 onwards. The number of pairs of stream k is stored at address 4 * k.
;;
;; Source of prefilter-wasm.generated.ts; test/prefilter.test.ts assembles it (UPDATE_SNAPSHOT=1 rewrites).
(module
  (memory (export "memory") 1)
  (func (export "scan4") (param $p0 i32) (param $stride i32) (param $len i32) (param $tbl i32) (param $out i32) (param $cap i32) (result i32)
    (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $end i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $e0 i32) (local $e1 i32) (local $e2 i32) (local $e3 i32)
    (local.set $p1 (i32.add (local.get $p0) (local.get $stride)))
    (local.set $p2 (i32.add (local.get $p1) (local.get $stride)))
    (local.set $p3 (i32.add (local.get $p2) (local.get $stride)))
    (local.set $end (i32.add (local.get $p0) (local.get $len)))
    (local.set $o0 (local.get $out))
    (local.set $e0 (i32.add (local.get $o0) (i32.shl (local.get $cap) (i32.const 3))))
    (local.set $o1 (local.get $e0))
    (local.set $e1 (i32.add (local.get $o1) (i32.shl (local.get $cap) (i32.const 3))))
    (local.set $o2 (local.get $e1))
    (local.set $e2 (i32.add (local.get $o2) (i32.shl (local.get $cap) (i32.const 3))))
    (local.set $o3 (local.get $e2))
    (local.set $e3 (i32.add (local.get $o3) (i32.shl (local.get $cap) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p0) (local.get $end)))
        (local.set $r0 (i32.load (i32.add (local.get $tbl) (i32.shl (i32.add (local.get $r0)
          (i32.and (i32.load8_u (local.get $p0)) (i32.const 127))) (i32.const 2)))))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
        (local.set $r1 (i32.load (i32.add (local.get $tbl) (i32.shl (i32.add (local.get $r1)
          (i32.and (i32.load8_u (local.get $p1)) (i32.const 127))) (i32.const 2)))))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 1)))
        (local.set $r2 (i32.load (i32.add (local.get $tbl) (i32.shl (i32.add (local.get $r2)
          (i32.and (i32.load8_u (local.get $p2)) (i32.const 127))) (i32.const 2)))))
        (local.set $p2 (i32.add (local.get $p2) (i32.const 1)))
        (local.set $r3 (i32.load (i32.add (local.get $tbl) (i32.shl (i32.add (local.get $r3)
          (i32.and (i32.load8_u (local.get $p3)) (i32.const 127))) (i32.const 2)))))
        (local.set $p3 (i32.add (local.get $p3) (i32.const 1)))
        ;; The common case: no stream is in an accepting state (no sign bit set).
        (br_if $next (i32.ge_s (i32.or (i32.or (local.get $r0) (local.get $r1)) (i32.or (local.get $r2) (local.get $r3))) (i32.const 0)))
        (if (i32.lt_s (local.get $r0) (i32.const 0))
          (then
            (local.set $r0 (i32.xor (local.get $r0) (i32.const -1)))
            (if (i32.ge_u (local.get $o0) (local.get $e0)) (then (return (i32.const -1))))
            (i32.store (local.get $o0) (local.get $r0))
            (i32.store offset=4 (local.get $o0) (local.get $p0))
            (local.set $o0 (i32.add (local.get $o0) (i32.const 8)))))
        (if (i32.lt_s (local.get $r1) (i32.const 0))
          (then
            (local.set $r1 (i32.xor (local.get $r1) (i32.const -1)))
            (if (i32.ge_u (local.get $o1) (local.get $e1)) (then (return (i32.const -1))))
            (i32.store (local.get $o1) (local.get $r1))
            (i32.store offset=4 (local.get $o1) (local.get $p1))
            (local.set $o1 (i32.add (local.get $o1) (i32.const 8)))))
        (if (i32.lt_s (local.get $r2) (i32.const 0))
          (then
            (local.set $r2 (i32.xor (local.get $r2) (i32.const -1)))
            (if (i32.ge_u (local.get $o2) (local.get $e2)) (then (return (i32.const -1))))
            (i32.store (local.get $o2) (local.get $r2))
            (i32.store offset=4 (local.get $o2) (local.get $p2))
            (local.set $o2 (i32.add (local.get $o2) (i32.const 8)))))
        (if (i32.lt_s (local.get $r3) (i32.const 0))
          (then
            (local.set $r3 (i32.xor (local.get $r3) (i32.const -1)))
            (if (i32.ge_u (local.get $o3) (local.get $e3)) (then (return (i32.const -1))))
            (i32.store (local.get $o3) (local.get $r3))
            (i32.store offset=4 (local.get $o3) (local.get $p3))
            (local.set $o3 (i32.add (local.get $o3) (i32.const 8)))))
        (br $next)
      )
    )
    (i32.store (i32.const 0) (i32.shr_u (i32.sub (local.get $o0) (local.get $out)) (i32.const 3)))
    (i32.store (i32.const 4) (i32.shr_u (i32.sub (local.get $o1) (local.get $e0)) (i32.const 3)))
    (i32.store (i32.const 8) (i32.shr_u (i32.sub (local.get $o2) (local.get $e1)) (i32.const 3)))
    (i32.store (i32.const 12) (i32.shr_u (i32.sub (local.get $o3) (local.get $e2)) (i32.const 3)))
    (i32.const 0)
  )
)
