"""Word lists and recognisers shared by the loaders and the plan readers (below both layers).

`loaders/` may import from here but never from `plan/` (tests/test_layering.py checks it);
`plan/` re-exports what it always exposed.
"""
