pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// Digits for the staff PIN. Shows dots, never the digits; AdminGate keeps what is typed
// and checks it.
Rectangle {
    id: pad
    required property AdminGate admin

    color: Theme.padScrim

    MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons }  // nothing reaches the kiosk below

    Column {
        anchors.centerIn: parent
        spacing: Theme.unit * 2.4

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: pad.admin.words.pinTitle
            textFormat: Text.PlainText
            font.family: Theme.sansStrong
            font.pixelSize: Theme.headingSize
            color: Theme.text
        }
        Row {
            objectName: "pinDots"
            anchors.horizontalCenter: parent.horizontalCenter
            height: Theme.unit * 2.4
            spacing: Theme.unit * 1.4
            Repeater {
                model: pad.admin.digitsEntered
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
            text: pad.admin.pinMessage
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
                    required property string modelData
                    objectName: "pinKey_" + modelData
                    width: Theme.touchSize * 1.5
                    height: Theme.touchSize * 1.3
                    text: modelData
                    active: modelData === "OK"
                    enabled: pad.admin.lockedSeconds === 0
                    opacity: enabled ? 1 : 0.4
                    onTapped: {
                        if (modelData === "⌫")
                            pad.admin.eraseDigit()
                        else if (modelData === "OK")
                            pad.admin.submitPin()
                        else
                            pad.admin.typeDigit(modelData)
                    }
                }
            }
        }
        PillButton {
            objectName: "pinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            text: pad.admin.words.cancel
            onTapped: pad.admin.close()
        }
    }
}
