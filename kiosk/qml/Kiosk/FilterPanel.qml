pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A sheet of large chips for one facet; "All" first. Tapping outside closes it.
Item {
    id: panel
    required property VisitorSession session
    required property FacetValuesModel values
    property string facet
    property string heading

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        TapHandler { onTapped: panel.session.closePanel() }
    }

    Rectangle {
        id: sheet
        objectName: "filterSheet"
        anchors.centerIn: parent
        width: parent.width * (parent.width >= parent.height ? 0.72 : 0.9)
        height: Math.min(parent.height * 0.82, chips.implicitHeight + headingText.height + Theme.unit * 12)
        radius: Theme.unit * 2.5
        color: Theme.surface
        border.color: Theme.line

        TapHandler {}  // taps on the sheet itself do not close it

        Text {
            id: headingText
            x: Theme.unit * 4
            y: Theme.unit * 3.5
            width: sheet.width - closeButton.width - Theme.unit * 10
            text: panel.heading
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.sans
            font.pixelSize: Theme.headingSize
            font.weight: Font.Bold
            color: Theme.text
        }
        PillButton {
            id: closeButton
            objectName: "closePanel"
            anchors.right: parent.right
            anchors.rightMargin: Theme.unit * 3
            anchors.verticalCenter: headingText.verticalCenter
            text: "✕  " + panel.session.labels.close
            onTapped: panel.session.closePanel()
        }

        Flickable {
            anchors.fill: parent
            anchors.topMargin: headingText.y + headingText.height + Theme.unit * 3
            anchors.margins: Theme.unit * 4
            contentHeight: chips.implicitHeight
            flickableDirection: Flickable.VerticalFlick
            boundsBehavior: Flickable.StopAtBounds
            clip: true

            Flow {
                id: chips
                width: parent.width
                spacing: Theme.unit * 1.6

                Chip {
                    objectName: "chip_all"
                    maximumWidth: chips.width
                    text: panel.session.labels.all
                    amount: panel.values.total
                    chosen: panel.values.selectedKey === ""
                    onTapped: panel.session.choose(panel.facet, "")
                }
                Repeater {
                    model: panel.values
                    Chip {
                        required property string key
                        required property string label
                        required property int count
                        required property bool selected
                        objectName: "chip_" + label
                        maximumWidth: chips.width
                        text: label
                        amount: count
                        chosen: selected
                        onTapped: panel.session.choose(panel.facet, key)
                    }
                }
            }
        }
    }
}
