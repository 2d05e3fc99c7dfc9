using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Atlas.Codegen.Model;

/// <summary>
/// A spec's pattern (in the .NET syntax <see cref="EcmaPattern.ToDotNet"/> writes) compiled at build time to a
/// deterministic automaton that answers "does it match anywhere in the value" in one pass over the characters, with
/// no backtracking, no allocation and the same speed under native AOT. Patterns of regular languages only: character
/// classes, literals, groups, alternation, every quantifier, <c>^</c>, <c>\z</c> and the look-aheads <c>(?=\z)</c>,
/// <c>(?!\z)</c>, <c>(?!)</c>; anything else (back-references, other look-arounds, word boundaries, Unicode categories)
/// or an automaton too large gives null and the runtime uses a regular expression.
/// </summary>
/// <remarks>
/// The encoding (one string; each number a char): the number of character classes K, the number of states N, K - 1
/// class boundaries (the first character of classes 1..K-1), then N rows of K + 1 entries (next state per class, then
/// for the end of the value): a state, N for "matched" (absorbing) or N + 1 for "cannot match". State 0 starts.
/// </remarks>
internal static class PatternAutomaton
{
    private const int MaxNfaStates = 4000;
    private const int MaxDfaStates = 400;

    // A pure function of the pattern, asked again for every type that repeats it (the vendor's whole spec: 746 times, 538
    // of them one id pattern): computed once per process, the cache bounded.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Compiled = new(StringComparer.Ordinal);

    /// <summary>The automaton of <paramref name="pattern"/>, encoded; null when the pattern is outside the subset.</summary>
    public static string? Compile(string pattern)
    {
        if (Compiled.TryGetValue(pattern, out var known)) return known;
        if (Compiled.Count > 4096) Compiled.Clear();
        return Compiled[pattern] = Build(pattern);
    }

    private static string? Build(string pattern)
    {
        try
        {
            var nfa = new Nfa();
            var parser = new Parser(pattern, nfa);
            var (start, end) = parser.ParseAll();
            if (nfa.Count > MaxNfaStates) return null;
            var accept = nfa.Add();
            nfa.Epsilon(end, accept, Guard.None);
            return Determinize(nfa, start, accept);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private enum Guard { None, AtStart, AtEnd, NotAtEnd }

    /// <summary>A set of characters: sorted, disjoint, inclusive ranges.</summary>
    private sealed class CharSet
    {
        public readonly List<(int Lo, int Hi)> Ranges = new();

        public static CharSet Of(int lo, int hi) { var s = new CharSet(); s.Ranges.Add((lo, hi)); return s; }

        public void Add(int lo, int hi) => Ranges.Add((lo, hi));

        public void AddAll(CharSet other) => Ranges.AddRange(other.Ranges);

        public CharSet Normalized()
        {
            var result = new CharSet();
            foreach (var (lo, hi) in Ranges.OrderBy(r => r.Lo))
            {
                if (result.Ranges.Count > 0 && lo <= result.Ranges[result.Ranges.Count - 1].Hi + 1)
                {
                    var last = result.Ranges[result.Ranges.Count - 1];
                    result.Ranges[result.Ranges.Count - 1] = (last.Lo, Math.Max(last.Hi, hi));
                }
                else result.Ranges.Add((lo, hi));
            }
            return result;
        }

        public CharSet Complement()
        {
            var n = Normalized();
            var result = new CharSet();
            var next = 0;
            foreach (var (lo, hi) in n.Ranges)
            {
                if (lo > next) result.Add(next, lo - 1);
                next = hi + 1;
            }
            if (next <= 0xFFFF) result.Add(next, 0xFFFF);
            return result;
        }
    }

    private sealed class Nfa
    {
        public readonly List<List<(CharSet Set, int To)>> Edges = new();
        public readonly List<List<(Guard Guard, int To)>> Epsilons = new();

        public int Count => Edges.Count;

        public int Add()
        {
            if (Edges.Count > MaxNfaStates) throw new NotSupportedException();
            Edges.Add(new List<(CharSet, int)>());
            Epsilons.Add(new List<(Guard, int)>());
            return Edges.Count - 1;
        }

        public void Epsilon(int from, int to, Guard guard) => Epsilons[from].Add((guard, to));

        public void Edge(int from, CharSet set, int to) => Edges[from].Add((set.Normalized(), to));
    }

    /// <summary>A piece of pattern that can be built again (each copy of a quantified piece is a fresh fragment).</summary>
    private delegate (int Start, int End) Fragment();

    private sealed class Parser
    {
        private readonly string _p;
        private readonly Nfa _nfa;
        private int _i;

        public Parser(string pattern, Nfa nfa)
        {
            _p = pattern;
            _nfa = nfa;
        }

        public (int, int) ParseAll()
        {
            var fragment = Alternation();
            if (_i != _p.Length) throw new NotSupportedException();
            return fragment();
        }

        private Fragment Alternation()
        {
            var branches = new List<Fragment> { Sequence() };
            while (_i < _p.Length && _p[_i] == '|')
            {
                _i++;
                branches.Add(Sequence());
            }
            if (branches.Count == 1) return branches[0];
            return () =>
            {
                var start = _nfa.Add();
                var end = _nfa.Add();
                foreach (var b in branches)
                {
                    var (s, e) = b();
                    _nfa.Epsilon(start, s, Guard.None);
                    _nfa.Epsilon(e, end, Guard.None);
                }
                return (start, end);
            };
        }

        private Fragment Sequence()
        {
            var items = new List<Fragment>();
            while (_i < _p.Length && _p[_i] != '|' && _p[_i] != ')')
            {
                items.Add(Quantified(Atom()));
            }
            return () =>
            {
                var start = _nfa.Add();
                var at = start;
                foreach (var item in items)
                {
                    var (s, e) = item();
                    _nfa.Epsilon(at, s, Guard.None);
                    at = e;
                }
                return (start, at);
            };
        }

        private Fragment Quantified(Fragment atom)
        {
            if (_i >= _p.Length) return atom;
            int min, max; // max -1: unbounded
            switch (_p[_i])
            {
                case '*': min = 0; max = -1; _i++; break;
                case '+': min = 1; max = -1; _i++; break;
                case '?': min = 0; max = 1; _i++; break;
                case '{' when Bounds(out min, out max): break;
                default: return atom;
            }
            if (_i < _p.Length && _p[_i] == '?') _i++; // lazy: the same strings match
            if (min > 1000 || max > 1000) throw new NotSupportedException();
            return () =>
            {
                var start = _nfa.Add();
                var at = start;
                for (var k = 0; k < min; k++)
                {
                    var (s, e) = atom();
                    _nfa.Epsilon(at, s, Guard.None);
                    at = e;
                }
                if (max < 0)
                {
                    // A loop: the atom again, any number of times.
                    var (s, e) = atom();
                    var end = _nfa.Add();
                    _nfa.Epsilon(at, s, Guard.None);
                    _nfa.Epsilon(at, end, Guard.None);
                    _nfa.Epsilon(e, s, Guard.None);
                    _nfa.Epsilon(e, end, Guard.None);
                    return (start, end);
                }
                var last = _nfa.Add();
                for (var k = min; k < max; k++)
                {
                    var (s, e) = atom();
                    _nfa.Epsilon(at, s, Guard.None);
                    _nfa.Epsilon(at, last, Guard.None);
                    at = e;
                }
                _nfa.Epsilon(at, last, Guard.None);
                return (start, last);
            };
        }

        private bool Bounds(out int min, out int max)
        {
            min = max = 0;
            var j = _i + 1;
            var a = Digits(ref j);
            if (a is null || j >= _p.Length) return false;
            min = a.Value;
            if (_p[j] == '}') { max = min; _i = j + 1; return true; }
            if (_p[j] != ',') return false;
            j++;
            var b = Digits(ref j);
            if (j >= _p.Length || _p[j] != '}') return false;
            max = b ?? -1;
            if (max >= 0 && max < min) throw new NotSupportedException();
            _i = j + 1;
            return true;
        }

        private int? Digits(ref int j)
        {
            var from = j;
            while (j < _p.Length && _p[j] >= '0' && _p[j] <= '9') j++;
            if (j == from || j - from > 6) return null;
            return int.Parse(_p.Substring(from, j - from), CultureInfo.InvariantCulture);
        }

        private Fragment Atom()
        {
            var c = _p[_i];
            switch (c)
            {
                case '(':
                    return Group();
                case '[':
                    _i++;
                    return Chars(Class());
                case '^':
                    _i++;
                    return Assertion(Guard.AtStart);
                case '$':
                    throw new NotSupportedException(); // ToDotNet writes \z
                case '.':
                    _i++;
                    return Chars(CharSet.Of('\n', '\n').Complement());
                case '*' or '+' or '?' or '{' or ')' or '|':
                    throw new NotSupportedException();
                case '\\':
                    _i++;
                    if (_i >= _p.Length) throw new NotSupportedException();
                    if (_p[_i] == 'z') { _i++; return Assertion(Guard.AtEnd); }
                    return Chars(Escape(inClass: false));
                default:
                    _i++;
                    return Chars(CharSet.Of(c, c));
            }
        }

        private Fragment Group()
        {
            _i++; // (
            if (_i < _p.Length && _p[_i] == '?')
            {
                var rest = _p.Substring(_i);
                if (rest.StartsWith("?:", StringComparison.Ordinal)) _i += 2;
                else if (rest.StartsWith("?!)", StringComparison.Ordinal)) { _i += 3; return () => { var s = _nfa.Add(); var e = _nfa.Add(); return (s, e); }; }
                else if (rest.StartsWith("?!\\z)", StringComparison.Ordinal)) { _i += 5; return Assertion(Guard.NotAtEnd); }
                else if (rest.StartsWith("?=\\z)", StringComparison.Ordinal)) { _i += 5; return Assertion(Guard.AtEnd); }
                else if (rest.StartsWith("?<", StringComparison.Ordinal) && rest.Length > 2 && rest[2] != '=' && rest[2] != '!')
                {
                    var close = _p.IndexOf('>', _i);
                    if (close < 0) throw new NotSupportedException();
                    _i = close + 1;
                }
                else throw new NotSupportedException();
            }
            var inner = Alternation();
            if (_i >= _p.Length || _p[_i] != ')') throw new NotSupportedException();
            _i++;
            return inner;
        }

        private Fragment Assertion(Guard guard) => () =>
        {
            var s = _nfa.Add();
            var e = _nfa.Add();
            _nfa.Epsilon(s, e, guard);
            return (s, e);
        };

        private Fragment Chars(CharSet set) => () =>
        {
            var s = _nfa.Add();
            var e = _nfa.Add();
            _nfa.Edge(s, set, e);
            return (s, e);
        };

        private CharSet Class()
        {
            var set = new CharSet();
            var negate = _i < _p.Length && _p[_i] == '^';
            if (negate) _i++;
            var first = true;
            while (true)
            {
                if (_i >= _p.Length) throw new NotSupportedException();
                var c = _p[_i];
                if (c == ']' && !first) { _i++; break; }
                first = false;
                if (c == '[') throw new NotSupportedException(); // subtraction and nested classes
                CharSet item;
                int single;
                if (c == '\\')
                {
                    _i++;
                    if (_i >= _p.Length) throw new NotSupportedException();
                    item = Escape(inClass: true);
                    single = item.Ranges.Count == 1 && item.Ranges[0].Lo == item.Ranges[0].Hi ? item.Ranges[0].Lo : -1;
                }
                else
                {
                    _i++;
                    item = CharSet.Of(c, c);
                    single = c;
                }
                if (single >= 0 && _i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
                {
                    _i++;
                    int hi;
                    if (_p[_i] == '\\')
                    {
                        _i++;
                        var h = Escape(inClass: true);
                        if (h.Ranges.Count != 1 || h.Ranges[0].Lo != h.Ranges[0].Hi) throw new NotSupportedException();
                        hi = h.Ranges[0].Lo;
                    }
                    else hi = _p[_i++];
                    if (hi < single) throw new NotSupportedException();
                    set.Add(single, hi);
                    continue;
                }
                set.AddAll(item);
            }
            return negate ? set.Complement() : set.Normalized();
        }

        /// <summary>The escape after a backslash (at <see cref="_i"/>); advances past it.</summary>
        private CharSet Escape(bool inClass)
        {
            var c = _p[_i++];
            switch (c)
            {
                case 'd': return CharSet.Of('0', '9');
                case 'D': return CharSet.Of('0', '9').Complement();
                case 'w': return Word();
                case 'W': return Word().Complement();
                case 's': return Space();
                case 'S': return Space().Complement();
                case 'n': return CharSet.Of('\n', '\n');
                case 'r': return CharSet.Of('\r', '\r');
                case 't': return CharSet.Of('\t', '\t');
                case 'f': return CharSet.Of('\f', '\f');
                case 'v': return CharSet.Of('\v', '\v');
                case 'b' when inClass: return CharSet.Of('\b', '\b');
                case '0' when _i >= _p.Length || _p[_i] < '0' || _p[_i] > '9': return CharSet.Of(0, 0);
                case 'u': { var h = Hex(4); return CharSet.Of(h, h); }
                case 'x': { var h = Hex(2); return CharSet.Of(h, h); }
                default:
                    // Letters and digits escape to something else (categories, boundaries, back-references): not here.
                    if (char.IsLetterOrDigit(c)) throw new NotSupportedException();
                    return CharSet.Of(c, c);
            }
        }

        private int Hex(int digits)
        {
            if (_i + digits > _p.Length) throw new NotSupportedException();
            if (!int.TryParse(_p.Substring(_i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) throw new NotSupportedException();
            _i += digits;
            return v;
        }

        private static CharSet Word()
        {
            var s = new CharSet();
            s.Add('a', 'z');
            s.Add('A', 'Z');
            s.Add('0', '9');
            s.Add('_', '_');
            return s.Normalized();
        }

        /// <summary>ECMA-262's white space and line terminators.</summary>
        private static CharSet Space()
        {
            var s = new CharSet();
            s.Add('\t', '\r');
            s.Add(' ', ' ');
            s.Add(0xA0, 0xA0);
            s.Add(0x1680, 0x1680);
            s.Add(0x2000, 0x200A);
            s.Add(0x2028, 0x2029);
            s.Add(0x202F, 0x202F);
            s.Add(0x205F, 0x205F);
            s.Add(0x3000, 0x3000);
            s.Add(0xFEFF, 0xFEFF);
            return s.Normalized();
        }
    }

    /// <summary>Subset construction over the character classes the pattern tells apart, the end of the value as one more
    /// symbol; a match anywhere: the start state is added at every position (it cannot pass <c>^</c> there).</summary>
    private static string? Determinize(Nfa nfa, int start, int accept)
    {
        // Character classes: the boundaries of every range used.
        var bounds = new SortedSet<int> { 0 };
        foreach (var edges in nfa.Edges)
        {
            foreach (var (set, _) in edges)
            {
                foreach (var (lo, hi) in set.Ranges)
                {
                    bounds.Add(lo);
                    if (hi < 0xFFFF) bounds.Add(hi + 1);
                }
            }
        }
        var starts = bounds.ToArray();
        var classes = starts.Length;
        var end = classes; // the symbol "end of the value"
        // Per edge: the classes it accepts.
        var edgeClasses = nfa.Edges.Select(edges => edges.Select(e =>
        {
            var accepted = new bool[classes];
            foreach (var (lo, hi) in e.Set.Ranges)
            {
                for (var k = Array.BinarySearch(starts, lo); k < classes && starts[k] <= hi; k++) accepted[k] = true;
            }
            return (accepted, e.To);
        }).ToList()).ToList();

        var states = new List<int[]>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<int[]>();
        int StateOf(SortedSet<int> set)
        {
            var key = string.Join(",", set);
            if (index.TryGetValue(key, out var existing)) return existing;
            if (states.Count >= MaxDfaStates) throw new NotSupportedException();
            index[key] = states.Count;
            states.Add(set.ToArray());
            return states.Count - 1;
        }
        // State 0 is the start of the value (the only place ^ holds): never shared with a later position's state.
        states.Add(new[] { start });
        const int Matched = -1, Dead = -2;
        for (var d = 0; d < states.Count; d++)
        {
            var row = new int[classes + 1];
            var inside = Closure(nfa, states[d], atEnd: false, atStart: d == 0);
            row[end] = Closure(nfa, states[d], atEnd: true, atStart: d == 0).Contains(accept) ? Matched : Dead;
            if (inside.Contains(accept))
            {
                for (var symbol = 0; symbol < classes; symbol++) row[symbol] = Matched;
                rows.Add(row);
                continue;
            }
            for (var symbol = 0; symbol < classes; symbol++)
            {
                var next = new SortedSet<int> { start };
                foreach (var s in inside)
                {
                    foreach (var (accepted, to) in edgeClasses[s]) if (accepted[symbol]) next.Add(to);
                }
                row[symbol] = StateOf(next);
            }
            rows.Add(row);
        }
        var n = states.Count;
        // A state that only loops and never matches (an anchored pattern that failed): "cannot match" at once.
        for (var d = 0; d < n; d++)
        {
            var row = rows[d];
            var trap = row[end] == Dead;
            for (var symbol = 0; symbol < classes && trap; symbol++) trap = row[symbol] == d;
            if (!trap) continue;
            foreach (var r in rows)
            {
                for (var symbol = 0; symbol <= classes; symbol++) if (r[symbol] == d) r[symbol] = Dead;
            }
        }
        var sb = new StringBuilder();
        sb.Append((char)classes).Append((char)n);
        for (var k = 1; k < classes; k++) sb.Append((char)starts[k]);
        foreach (var row in rows)
        {
            foreach (var v in row) sb.Append((char)(v == Matched ? n : v == Dead ? n + 1 : v));
        }
        return sb.ToString();
    }

    /// <summary>The states reachable without reading a character, given whether the value ends here and whether this is its start.</summary>
    private static HashSet<int> Closure(Nfa nfa, int[] from, bool atEnd, bool atStart)
    {
        var seen = new HashSet<int>(from);
        var stack = new Stack<int>(from);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            foreach (var (guard, to) in nfa.Epsilons[s])
            {
                var pass = guard switch
                {
                    Guard.AtStart => atStart,
                    Guard.AtEnd => atEnd,
                    Guard.NotAtEnd => !atEnd,
                    _ => true,
                };
                if (pass && seen.Add(to)) stack.Push(to);
            }
        }
        return seen;
    }
}
