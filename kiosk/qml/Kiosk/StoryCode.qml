import QtQuick
import Kiosk

// The story to take home: a QR code a phone reads from arm's length, and what it gives,
// beside it (wide pages, below the words) or under it (tall pages, beside the name).
// Drawn at its own pixel size (scaled, a code blurs), dark on light as readers expect.
Item {
    id: code
    required property string url
    required property int side
    required property string caption
    property bool stacked: false

    visible: url !== ""
    implicitWidth: stacked ? Math.max(side, Theme.unit * 13) : side + Theme.gap + words.implicitWidth
    implicitHeight: !visible ? 0 : stacked ? side + Theme.unit * 0.6 + words.height : side

    Image {
        id: picture
        objectName: "qrCode"
        source: code.url
        x: code.stacked ? Math.round((code.width - code.side) / 2) : 0
        width: code.side
        height: code.side
        smooth: false
        fillMode: Image.Pad
    }
    Text {
        id: words
        objectName: "qrCaption"
        x: code.stacked ? 0 : picture.width + Theme.gap
        y: code.stacked ? picture.height + Theme.unit * 0.6 : (code.side - height) / 2
        width: code.stacked ? code.width : code.width - x
        horizontalAlignment: code.stacked ? Text.AlignHCenter : Text.AlignLeft
        text: code.caption
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        font.family: Theme.sansStrong
        font.pixelSize: code.stacked ? Theme.smallSize : Theme.labelSize
        color: Theme.text
    }
}
