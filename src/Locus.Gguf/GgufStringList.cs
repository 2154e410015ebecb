using System.Collections;
using System.Text;

namespace Locus.Gguf;

/// <summary>A string array viewed in place: each element is decoded only when it is read.</summary>
internal sealed class GgufStringList(GgufValue array) : IReadOnlyList<string>
{
    public int Count => array.ArrayLength;

    public string this[int index] => Encoding.UTF8.GetString(array.ElementBytes(index)[8..]);

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
