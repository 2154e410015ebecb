using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Locus.Architecture.Tests.Analysis;

/// <summary>
/// Walks a method body's IL one instruction at a time and yields the metadata tokens its operands name (types,
/// methods, fields, method instantiations and calli signatures). Every opcode is decoded, so operands are never
/// mistaken for instructions.
/// </summary>
internal static class IlTokens
{
    // OpCodes is the runtime's own table of the ECMA-335 instruction set: its operand types say how many bytes follow.
    private static readonly OperandType?[] OneByte = new OperandType?[256];
    private static readonly OperandType?[] TwoByte = new OperandType?[256];

    static IlTokens()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var opCode = (OpCode)field.GetValue(null)!;
            var value = (ushort)opCode.Value;
            if (opCode.Size == 1)
            {
                OneByte[value] = opCode.OperandType;
            }
            else
            {
                TwoByte[value & 0xFF] = opCode.OperandType;
            }
        }
    }

    public static IEnumerable<EntityHandle> Read(MethodBodyBlock body)
    {
        var tokens = new List<EntityHandle>();
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var offset = il.Offset;
            var code = il.ReadByte();
            var operand = code == 0xFE ? TwoByte[il.ReadByte()] : OneByte[code];
            switch (operand)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineString:
                    il.Offset += 4;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read first: "Offset += 4 * ReadInt32()" would add to the old offset
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                    tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default:
                    throw new BadImageFormatException($"Unknown IL opcode 0x{code:X2} at offset {offset}.");
            }
        }

        return tokens;
    }
}
