"""The article as text: page furniture removed (offsets mapped back to the
original), the dateline read (place, filing time), sentences split."""
