import QtQuick
import Kiosk

// Digits for the staff PIN. Shows dots, never the digits; AdminGate checks the PIN.
Rectangle {
    id: pad
    required property var admin
    property string entered: ""
    property string refusal: ""     // "wrong" or "locked"
    property int lockedSeconds: admin.lockedSeconds

    color: Qt.rgba(0.08, 0.066, 0.055, 0.97)

    MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons }  // nothing reaches the kiosk below

    Connections {
        target: pad.admin
        function onPinRefused(why) { pad.refusal = why; pad.lockedSeconds = pad.admin.lockedSeconds }
    }
    Timer {
        interval: 1000
        repeat: true
        running: pad.lockedSeconds > 0
        onTriggered: pad.lockedSeconds = pad.admin.lockedSeconds
    }

    Column {
        anchors.centerIn: parent
        spacing: Theme.unit * 2.4

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: "Staff PIN"
            textFormat: Text.PlainText
            font.family: Theme.sansStrong
            font.pixelSize: Theme.unit * 4
            color: Theme.text
        }
        Row {
            objectName: "pinDots"
            anchors.horizontalCenter: parent.horizontalCenter
            height: Theme.unit * 2.4
            spacing: Theme.unit * 1.4
            Repeater {
                model: pad.entered.length
                Rectangle {
                    width: Theme.unit * 2.2
                    height: width
                    radius: width / 2
                    color: Theme.accent
                }
            }
        }
        Text {
            objectName: "pinMessage"
            anchors.horizontalCenter: parent.horizontalCenter
            text: pad.lockedSeconds > 0 ? "Too many wrong PINs: try again in " + pad.lockedSeconds + " s"
                : pad.refusal === "wrong" ? "Wrong PIN" : " "
            textFormat: Text.PlainText
            font.family: Theme.sans
            font.pixelSize: Theme.labelSize
            color: Theme.accent
        }
        Grid {
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: Theme.unit * 1.6
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                PillButton {
                    objectName: "pinKey_" + modelData
                    width: Theme.touchSize * 1.5
                    height: Theme.touchSize * 1.3
                    text: modelData
                    active: modelData === "OK"
                    enabled: pad.lockedSeconds === 0
                    opacity: enabled ? 1 : 0.4
                    onTapped: {
                        if (modelData === "⌫") {
                            pad.entered = pad.entered.slice(0, -1)
                        } else if (modelData === "OK") {
                            pad.admin.submitPin(pad.entered)
                            pad.entered = ""
                        } else if (pad.entered.length < 12) {
                            pad.entered += modelData
                            pad.refusal = ""
                        }
                    }
                }
            }
        }
        PillButton {
            objectName: "pinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            text: "Cancel"
            onTapped: pad.admin.close()
        }
    }
}
